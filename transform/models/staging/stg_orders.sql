select
    cast(order_id as {{ dbt.type_bigint() }})       as order_id,
    cast(user_id as {{ dbt.type_bigint() }})        as user_id,
    cast(status as {{ dbt.type_string() }})         as status,
    cast(gender as {{ dbt.type_string() }})         as gender,
    cast(num_of_item as {{ dbt.type_bigint() }})    as num_of_item,
    {{ to_utc('created_at') }}                      as created_at,
    {{ to_utc('shipped_at') }}                      as shipped_at,
    {{ to_utc('delivered_at') }}                    as delivered_at,
    {{ to_utc('returned_at') }}                     as returned_at
from {{ source('thelook', 'orders') }}
