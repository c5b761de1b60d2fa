select
    cast(order_id as bigint)                    as order_id,
    cast(user_id as bigint)                     as user_id,
    cast(status as varchar)                     as status,
    cast(gender as varchar)                     as gender,
    cast(num_of_item as bigint)                 as num_of_item,
    {{ to_utc('created_at') }}                  as created_at,
    {{ to_utc('shipped_at') }}                  as shipped_at,
    {{ to_utc('delivered_at') }}                as delivered_at,
    {{ to_utc('returned_at') }}                 as returned_at
from {{ source('thelook', 'orders') }}
