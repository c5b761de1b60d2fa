select
    cast(id as bigint)                              as inventory_item_id,
    cast(product_id as bigint)                      as product_id,
    cast(cost as double)                            as cost,
    cast(product_name as varchar)                   as product_name,
    cast(product_brand as varchar)                  as product_brand,
    cast(product_category as varchar)               as product_category,
    cast(product_department as varchar)             as product_department,
    cast(product_sku as varchar)                    as product_sku,
    cast(product_retail_price as double)            as product_retail_price,
    cast(product_distribution_center_id as bigint)  as product_distribution_center_id,
    {{ to_utc('created_at') }}                      as created_at,
    {{ to_utc('sold_at') }}                         as sold_at
from {{ source('thelook', 'inventory_items') }}
