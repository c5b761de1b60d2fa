-- Order items copy their order's user, status and fulfilment timestamps (dataset invariant).
select items.order_item_id, items.order_id
from {{ ref('stg_order_items') }} as items
inner join {{ ref('stg_orders') }} as orders on items.order_id = orders.order_id
where items.user_id is distinct from orders.user_id
   or items.status is distinct from orders.status
   or items.shipped_at is distinct from orders.shipped_at
   or items.delivered_at is distinct from orders.delivered_at
   or items.returned_at is distinct from orders.returned_at
