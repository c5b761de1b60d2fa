select
    cast(id as bigint)                          as order_item_id,
    cast(order_id as bigint)                    as order_id,
    cast(user_id as bigint)                     as user_id,
    cast(product_id as bigint)                  as product_id,
    cast(inventory_item_id as bigint)           as inventory_item_id,
    cast(status as varchar)                     as status,
    cast(sale_price as double)                  as sale_price,
    {{ to_utc('created_at') }}                  as created_at,
    {{ to_utc('shipped_at') }}                  as shipped_at,
    {{ to_utc('delivered_at') }}                as delivered_at,
    {{ to_utc('returned_at') }}                 as returned_at
from {{ source('thelook', 'order_items') }}
