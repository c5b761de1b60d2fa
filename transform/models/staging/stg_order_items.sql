select
    cast(id as {{ dbt.type_bigint() }})                   as order_item_id,
    cast(order_id as {{ dbt.type_bigint() }})             as order_id,
    cast(user_id as {{ dbt.type_bigint() }})              as user_id,
    cast(product_id as {{ dbt.type_bigint() }})           as product_id,
    cast(inventory_item_id as {{ dbt.type_bigint() }})    as inventory_item_id,
    cast(status as {{ dbt.type_string() }})               as status,
    cast(sale_price as {{ type_double() }})               as sale_price,
    {{ to_utc('created_at') }}                            as created_at,
    {{ to_utc('shipped_at') }}                            as shipped_at,
    {{ to_utc('delivered_at') }}                          as delivered_at,
    {{ to_utc('returned_at') }}                           as returned_at
from {{ source('thelook', 'order_items') }}
