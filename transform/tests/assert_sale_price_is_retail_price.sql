-- Items sell at the product's retail price (dataset invariant).
select items.order_item_id, items.sale_price, products.retail_price
from {{ ref('stg_order_items') }} as items
inner join {{ ref('stg_products') }} as products on items.product_id = products.product_id
where items.sale_price <> products.retail_price
