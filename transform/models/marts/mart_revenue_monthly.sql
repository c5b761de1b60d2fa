-- Revenue per order month (UTC). Revenue counts items whose status is in var `revenue_statuses`.
with revenue_items as (
    select
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as order_month,
        order_id,
        sale_price,
        cost,
        profit
    from {{ ref('fct_order_items') }}
    where is_revenue
)

select
    order_month,
    count(distinct order_id)                                                as orders,
    count(*)                                                                as items,
    round(sum(sale_price), 2)                                               as revenue,
    round(sum(cost), 2)                                                     as cost,
    round(sum(profit), 2)                                                   as profit,
    round({{ safe_divide('sum(sale_price)', 'count(distinct order_id)') }}, 2) as avg_order_value
from revenue_items
group by order_month
