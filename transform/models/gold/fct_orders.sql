-- One row per order: status, fulfilment timestamps and durations, and the order's item totals.
-- hours_to_ship is NULL for orders that never shipped, hours_to_deliver (order to delivery) for orders
-- not delivered.
with orders as (
    select * from {{ ref('stg_orders') }}
),

item_totals as (
    select
        order_id,
        count(*)            as items,
        sum(sale_price)     as order_total,
        sum(cost)           as order_cost,
        sum(profit)         as order_profit
    from {{ ref('fct_order_items') }}
    group by order_id
)

select
    orders.order_id,
    orders.user_id,
    orders.status,
    {{ is_revenue_status('orders.status') }}                        as is_revenue,
    orders.gender,
    orders.num_of_item,
    coalesce(item_totals.items, 0)                                  as items,
    coalesce(item_totals.order_total, 0)                            as order_total,
    coalesce(item_totals.order_cost, 0)                             as order_cost,
    coalesce(item_totals.order_profit, 0)                           as order_profit,
    orders.created_at,
    orders.shipped_at,
    orders.delivered_at,
    orders.returned_at,
    cast(orders.created_at as date)                                 as order_date,
    cast(orders.shipped_at as date)                                 as shipped_date,
    cast(orders.delivered_at as date)                               as delivered_date,
    cast(orders.returned_at as date)                                as returned_date,
    {{ hours_between('orders.created_at', 'orders.shipped_at') }}   as hours_to_ship,
    {{ hours_between('orders.created_at', 'orders.delivered_at') }} as hours_to_deliver
from orders
left join item_totals on orders.order_id = item_totals.order_id
