select
    cast(id as {{ dbt.type_bigint() }})                    as distribution_center_id,
    cast(name as {{ dbt.type_string() }})                  as distribution_center_name,
    cast(latitude as {{ type_double() }})                  as latitude,
    cast(longitude as {{ type_double() }})                 as longitude,
    {{ geography_as_text('distribution_center_geom') }}    as geom_wkt
from {{ source('thelook', 'distribution_centers') }}
