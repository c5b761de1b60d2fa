select
    cast(id as {{ dbt.type_bigint() }})                                as inventory_item_id,
    cast(product_id as {{ dbt.type_bigint() }})                        as product_id,
    cast(cost as {{ type_double() }})                                  as cost,
    cast(product_name as {{ dbt.type_string() }})                      as product_name,
    cast(product_brand as {{ dbt.type_string() }})                     as product_brand,
    cast(product_category as {{ dbt.type_string() }})                  as product_category,
    cast(product_department as {{ dbt.type_string() }})                as product_department,
    cast(product_sku as {{ dbt.type_string() }})                       as product_sku,
    cast(product_retail_price as {{ type_double() }})                  as product_retail_price,
    cast(product_distribution_center_id as {{ dbt.type_bigint() }})    as product_distribution_center_id,
    {{ to_utc('created_at') }}                                         as created_at,
    {{ to_utc('sold_at') }}                                            as sold_at
from {{ source('thelook', 'inventory_items') }}
