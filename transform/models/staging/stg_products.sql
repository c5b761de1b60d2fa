select
    cast(id as {{ dbt.type_bigint() }})                        as product_id,
    cast(name as {{ dbt.type_string() }})                      as product_name,
    cast(brand as {{ dbt.type_string() }})                     as brand,
    cast(category as {{ dbt.type_string() }})                  as category,
    cast(department as {{ dbt.type_string() }})                as department,
    cast(sku as {{ dbt.type_string() }})                       as sku,
    cast(cost as {{ type_double() }})                          as cost,
    cast(retail_price as {{ type_double() }})                  as retail_price,
    cast(distribution_center_id as {{ dbt.type_bigint() }})    as distribution_center_id
from {{ source('thelook', 'products') }}
