-- The customers with the highest lifetime revenue (ties by user id); keeps the first var
-- `top_customers_limit` customers with revenue.
with ranked as (
    select
        row_number() over (order by lifetime_revenue desc, user_id) as revenue_rank,
        user_id,
        first_name,
        last_name,
        email,
        country,
        orders,
        revenue_orders,
        revenue_items,
        lifetime_revenue,
        lifetime_profit,
        first_order_date,
        last_order_date
    from {{ ref('mart_customer_lifetime_value') }}
    where lifetime_revenue > 0
)

select *
from ranked
where revenue_rank <= {{ var('top_customers_limit', 100) }}
