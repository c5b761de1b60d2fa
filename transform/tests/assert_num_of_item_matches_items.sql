-- orders.num_of_item equals the number of order_items rows of the order (dataset invariant).
select orders.order_id, orders.num_of_item, count(items.order_item_id) as items
from {{ ref('stg_orders') }} as orders
left join {{ ref('stg_order_items') }} as items on orders.order_id = items.order_id
group by orders.order_id, orders.num_of_item
having orders.num_of_item <> count(items.order_item_id)
