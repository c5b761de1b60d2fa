-- One row per user, with an age band for demographics.
select
    user_id,
    first_name,
    last_name,
    email,
    age,
    {{ age_band('age') }}           as age_band,
    gender,
    street_address,
    postal_code,
    city,
    state,
    country,
    latitude,
    longitude,
    traffic_source,
    created_at,
    cast(created_at as date)        as created_date
from {{ ref('stg_users') }}
