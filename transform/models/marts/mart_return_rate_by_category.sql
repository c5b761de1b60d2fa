-- Return rate per department and category: returned items / delivered items (an item can only be
-- returned once delivered, so items never delivered are left out of both).
select
    products.department,
    products.category,
    count(*)                                            as delivered_items,
    count(items.returned_at)                            as returned_items,
    round(count(items.returned_at) / count(*), 4)       as return_rate
from {{ ref('fct_order_items') }} as items
inner join {{ ref('dim_products') }} as products
    on items.product_id = products.product_id
where items.delivered_at is not null
group by products.department, products.category
