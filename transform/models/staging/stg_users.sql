select
    cast(id as {{ dbt.type_bigint() }})                as user_id,
    cast(first_name as {{ dbt.type_string() }})        as first_name,
    cast(last_name as {{ dbt.type_string() }})         as last_name,
    cast(email as {{ dbt.type_string() }})             as email,
    cast(age as {{ dbt.type_bigint() }})               as age,
    cast(gender as {{ dbt.type_string() }})            as gender,
    cast(street_address as {{ dbt.type_string() }})    as street_address,
    cast(postal_code as {{ dbt.type_string() }})       as postal_code,
    cast(city as {{ dbt.type_string() }})              as city,
    cast(state as {{ dbt.type_string() }})             as state,
    cast(country as {{ dbt.type_string() }})           as country,
    cast(latitude as {{ type_double() }})              as latitude,
    cast(longitude as {{ type_double() }})             as longitude,
    cast(traffic_source as {{ dbt.type_string() }})    as traffic_source,
    {{ to_utc('created_at') }}                         as created_at,
    {{ geography_as_text('user_geom') }}               as geom_wkt
from {{ source('thelook', 'users') }}
