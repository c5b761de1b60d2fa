-- Revenue per order day (UTC) over the date spine, from the first to the last order day; days without
-- revenue show zeros. Revenue counts items whose status is in var `revenue_statuses`.
with revenue_items as (
    select order_date, order_id, sale_price, cost, profit
    from {{ ref('fct_order_items') }}
    where is_revenue
),

daily as (
    select
        order_date,
        count(distinct order_id)    as orders,
        count(*)                    as items,
        sum(sale_price)             as revenue,
        sum(cost)                   as cost,
        sum(profit)                 as profit
    from revenue_items
    group by order_date
),

order_span as (
    select min(order_date) as first_day, max(order_date) as last_day
    from {{ ref('fct_order_items') }}
)

select
    dates.date_day,
    coalesce(daily.orders, 0)                   as orders,
    coalesce(daily.items, 0)                    as items,
    round(coalesce(daily.revenue, 0), 2)        as revenue,
    round(coalesce(daily.cost, 0), 2)           as cost,
    round(coalesce(daily.profit, 0), 2)         as profit
from {{ ref('dim_date') }} as dates
cross join order_span
left join daily on dates.date_day = daily.order_date
where dates.date_day between order_span.first_day and order_span.last_day
