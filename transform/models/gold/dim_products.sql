-- One row per product, with its distribution centre's name.
select
    products.product_id,
    products.product_name,
    products.brand,
    products.category,
    products.department,
    products.sku,
    products.cost,
    products.retail_price,
    products.distribution_center_id,
    centers.distribution_center_name
from {{ ref('stg_products') }} as products
left join {{ ref('stg_distribution_centers') }} as centers
    on products.distribution_center_id = centers.distribution_center_id
