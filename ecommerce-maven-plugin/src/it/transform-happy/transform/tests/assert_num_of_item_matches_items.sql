select o.order_id
from {{ ref('stg_orders') }} o
left join (select order_id, count(*) as n from {{ source('thelook', 'order_items') }} group by order_id) i
  on i.order_id = o.order_id
where o.num_of_item <> coalesce(i.n, 0)
