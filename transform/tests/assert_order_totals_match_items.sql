-- fct_orders and fct_order_items agree: same item count and revenue per order, so no item is lost or
-- counted twice between the two facts.
with per_order as (
    select order_id, count(*) as items, sum(sale_price) as total
    from {{ ref('fct_order_items') }}
    group by order_id
)

select orders.order_id, orders.items, per_order.items as fact_items, orders.order_total, per_order.total
from {{ ref('fct_orders') }} as orders
left join per_order on orders.order_id = per_order.order_id
where orders.items <> coalesce(per_order.items, 0)
   or abs(orders.order_total - coalesce(per_order.total, 0)) > 0.000001
