select
    cast(id as bigint)                          as user_id,
    cast(first_name as varchar)                 as first_name,
    cast(last_name as varchar)                  as last_name,
    cast(email as varchar)                      as email,
    cast(age as bigint)                         as age,
    cast(gender as varchar)                     as gender,
    cast(street_address as varchar)             as street_address,
    cast(postal_code as varchar)                as postal_code,
    cast(city as varchar)                       as city,
    cast(state as varchar)                      as state,
    cast(country as varchar)                    as country,
    cast(latitude as double)                    as latitude,
    cast(longitude as double)                   as longitude,
    cast(traffic_source as varchar)             as traffic_source,
    {{ to_utc('created_at') }}                  as created_at,
    cast(user_geom as varchar)                  as geom_wkt
from {{ source('thelook', 'users') }}
