-- The date spine has no gaps: one row per day between its first and last day.
select count(*) as days, min(date_day) as first_day, max(date_day) as last_day
from {{ ref('dim_date') }}
having count(*) <> {{ dbt.datediff('min(date_day)', 'max(date_day)', 'day') }} + 1
