select
    cast(id as {{ dbt.type_bigint() }})                 as event_id,
    cast(user_id as {{ dbt.type_bigint() }})            as user_id,
    cast(session_id as {{ dbt.type_string() }})         as session_id,
    cast(sequence_number as {{ dbt.type_bigint() }})    as sequence_number,
    cast(event_type as {{ dbt.type_string() }})         as event_type,
    cast(uri as {{ dbt.type_string() }})                as uri,
    cast(traffic_source as {{ dbt.type_string() }})     as traffic_source,
    cast(browser as {{ dbt.type_string() }})            as browser,
    cast(ip_address as {{ dbt.type_string() }})         as ip_address,
    cast(city as {{ dbt.type_string() }})               as city,
    cast(state as {{ dbt.type_string() }})              as state,
    cast(postal_code as {{ dbt.type_string() }})        as postal_code,
    {{ to_utc('created_at') }}                          as created_at
from {{ source('thelook', 'events') }}
