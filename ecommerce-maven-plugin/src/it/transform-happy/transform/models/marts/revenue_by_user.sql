select o.user_id, count(distinct o.order_id) as orders, sum(i.sale_price) as revenue
from {{ ref('stg_orders') }} o
join {{ source('thelook', 'order_items') }} i on i.order_id = o.order_id
where o.status in ({% for s in var('revenue_statuses') %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %})
group by o.user_id
