-- The status distribution counts every order exactly once and its shares add up to 1 (within rounding).
with distribution as (
    select sum(orders) as orders, sum(share_of_orders) as shares
    from {{ ref('mart_order_status_distribution') }}
),

orders as (
    select count(*) as orders from {{ ref('stg_orders') }}
)

select distribution.orders, orders.orders as expected_orders, distribution.shares
from distribution cross join orders
where distribution.orders <> orders.orders
   or abs(distribution.shares - 1) > 0.001
