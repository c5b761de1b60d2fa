-- One row per user (users without orders too): orders, revenue and profit over the customer's life.
-- orders counts every order; revenue_orders, lifetime_revenue and lifetime_profit only revenue statuses;
-- avg_order_value = lifetime_revenue / revenue_orders.
with per_user as (
    select
        user_id,
        count(*)                                        as orders,
        {{ count_where('is_revenue') }}                 as revenue_orders,
        cast({{ sum_where('items', 'is_revenue') }} as {{ dbt.type_bigint() }}) as revenue_items,
        {{ sum_where('order_total', 'is_revenue') }}    as revenue,
        {{ sum_where('order_profit', 'is_revenue') }}   as profit,
        min(order_date)                                 as first_order_date,
        max(order_date)                                 as last_order_date
    from {{ ref('fct_orders') }}
    group by user_id
)

select
    users.user_id,
    users.first_name,
    users.last_name,
    users.email,
    users.country,
    users.created_date                                              as signup_date,
    per_user.first_order_date,
    per_user.last_order_date,
    {{ dbt.datediff('per_user.first_order_date', 'per_user.last_order_date', 'day') }} as lifespan_days,
    coalesce(per_user.orders, 0)                                    as orders,
    coalesce(per_user.revenue_orders, 0)                            as revenue_orders,
    coalesce(per_user.revenue_items, 0)                             as revenue_items,
    round(coalesce(per_user.revenue, 0), 2)                         as lifetime_revenue,
    round(coalesce(per_user.profit, 0), 2)                          as lifetime_profit,
    round({{ safe_divide('per_user.revenue', 'per_user.revenue_orders') }}, 2) as avg_order_value
from {{ ref('dim_users') }} as users
left join per_user on users.user_id = per_user.user_id
