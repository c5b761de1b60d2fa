select
    cast(id as bigint)                          as event_id,
    cast(user_id as bigint)                     as user_id,
    cast(session_id as varchar)                 as session_id,
    cast(sequence_number as bigint)             as sequence_number,
    cast(event_type as varchar)                 as event_type,
    cast(uri as varchar)                        as uri,
    cast(traffic_source as varchar)             as traffic_source,
    cast(browser as varchar)                    as browser,
    cast(ip_address as varchar)                 as ip_address,
    cast(city as varchar)                       as city,
    cast(state as varchar)                      as state,
    cast(postal_code as varchar)                as postal_code,
    {{ to_utc('created_at') }}                  as created_at
from {{ source('thelook', 'events') }}
