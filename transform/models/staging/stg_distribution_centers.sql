select
    cast(id as bigint)                          as distribution_center_id,
    cast(name as varchar)                       as distribution_center_name,
    cast(latitude as double)                    as latitude,
    cast(longitude as double)                   as longitude,
    cast(distribution_center_geom as varchar)   as geom_wkt
from {{ source('thelook', 'distribution_centers') }}
