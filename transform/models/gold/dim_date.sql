-- One row per calendar day (UTC) from the first to the last date any order, user or event timestamp
-- falls on, generated with DuckDB's generate_series (no hard-coded range).
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

days as (
    select unnest(generate_series(
        cast(first_day as timestamp),
        cast(last_day as timestamp),
        interval 1 day
    )) as day_start
    from bounds
),

spine as (
    select cast(day_start as date) as date_day
    from days
)

select
    date_day,
    cast(strftime(date_day, '%Y%m%d') as integer)   as date_key,
    year(date_day)                                  as year,
    quarter(date_day)                               as quarter,
    month(date_day)                                 as month,
    monthname(date_day)                             as month_name,
    cast(date_trunc('month', date_day) as date)     as month_start,
    isoyear(date_day)                               as iso_year,
    weekofyear(date_day)                            as iso_week,
    cast(date_trunc('week', date_day) as date)      as week_start,
    day(date_day)                                   as day_of_month,
    dayofyear(date_day)                             as day_of_year,
    isodow(date_day)                                as day_of_week,
    dayname(date_day)                               as day_name,
    isodow(date_day) in (6, 7)                      as is_weekend
from spine
