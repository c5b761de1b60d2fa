select
    cast(id as bigint)                          as product_id,
    cast(name as varchar)                       as product_name,
    cast(brand as varchar)                      as brand,
    cast(category as varchar)                   as category,
    cast(department as varchar)                 as department,
    cast(sku as varchar)                        as sku,
    cast(cost as double)                        as cost,
    cast(retail_price as double)                as retail_price,
    cast(distribution_center_id as bigint)      as distribution_center_id
from {{ source('thelook', 'products') }}
