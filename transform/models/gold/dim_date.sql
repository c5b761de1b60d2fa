-- One row per calendar day (UTC) from the first to the last date any order, user or event timestamp
-- falls on (no hard-coded range). Weeks and days of the week are ISO's (Monday first) on every database.
with bounds as (
    select min(d) as first_day, max(d) as last_day
    from (
        select cast(created_at as date) as d from {{ ref('stg_orders') }}
        union all select cast(shipped_at as date) from {{ ref('stg_orders') }}
        union all select cast(delivered_at as date) from {{ ref('stg_orders') }}
        union all select cast(returned_at as date) from {{ ref('stg_orders') }}
        union all select cast(created_at as date) from {{ ref('stg_users') }}
        union all select cast(created_at as date) from {{ ref('stg_events') }}
    ) as all_dates
),

spine as (
    {{ days_between('first_day', 'last_day', 'bounds') }}
)

select
    date_day,
    cast(extract(year from date_day) * 10000 + extract(month from date_day) * 100 + extract(day from date_day)
        as {{ dbt.type_int() }})                    as date_key,
    extract(year from date_day)                     as year,
    extract(quarter from date_day)                  as quarter,
    extract(month from date_day)                    as month,
    {{ month_name('date_day') }}                    as month_name,
    cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
    extract(isoyear from date_day)                  as iso_year,
    {{ iso_week('date_day') }}                      as iso_week,
    {{ week_start('date_day') }}                    as week_start,
    extract(day from date_day)                      as day_of_month,
    extract(dayofyear from date_day)                as day_of_year,
    {{ iso_day_of_week('date_day') }}               as day_of_week,
    {{ day_name('date_day') }}                      as day_name,
    {{ iso_day_of_week('date_day') }} in (6, 7)     as is_weekend
from spine
