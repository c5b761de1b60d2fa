{# Where DuckDB and BigQuery SQL differ and dbt has no cross-database macro: each macro dispatches to the
    target's form (duckdb__ or bigquery__, or the project's `dispatch:` config); another adapter fails to
    compile, naming the macro. Dates are ISO weeks (Monday first) on both. #}

{# The SQL type of a double-precision float (dbt.type_float() is DuckDB's 4-byte FLOAT). #}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'thelook')()) }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    {{ return('double') }}
{%- endmacro %}

{% macro bigquery__type_double() -%}
    {{ return('float64') }}
{%- endmacro %}

{# A geography (BigQuery) or its WKT text (the warehouse holds WKT) as WKT text. #}
{% macro geography_as_text(column) -%}
    {{ return(adapter.dispatch('geography_as_text', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__geography_as_text(column) -%}
    cast({{ column }} as {{ dbt.type_string() }})
{%- endmacro %}

{% macro bigquery__geography_as_text(column) -%}
    st_astext({{ column }})
{%- endmacro %}

{# One row per day from first_day to last_day (dates, both included), as column date_day, for each row of
    `relation` (a one-row relation holding the bounds). #}
{% macro days_between(first_day, last_day, relation) -%}
    {{ return(adapter.dispatch('days_between', 'thelook')(first_day, last_day, relation)) }}
{%- endmacro %}

{% macro duckdb__days_between(first_day, last_day, relation) -%}
    select cast(day_start as date) as date_day
    from (
        select unnest(generate_series(
            cast({{ first_day }} as timestamp),
            cast({{ last_day }} as timestamp),
            interval 1 day
        )) as day_start
        from {{ relation }}
    ) as days
{%- endmacro %}

{% macro bigquery__days_between(first_day, last_day, relation) -%}
    select date_day
    from {{ relation }}
    cross join unnest(generate_date_array({{ first_day }}, {{ last_day }})) as date_day
{%- endmacro %}

{# The Monday starting the ISO week of a date. #}
{% macro week_start(column) -%}
    {{ return(adapter.dispatch('week_start', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__week_start(column) -%}
    cast(date_trunc('week', {{ column }}) as date)
{%- endmacro %}

{% macro bigquery__week_start(column) -%}
    date_trunc({{ column }}, isoweek)
{%- endmacro %}

{# The ISO week number (1 to 53) of a date. #}
{% macro iso_week(column) -%}
    {{ return(adapter.dispatch('iso_week', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__iso_week(column) -%}
    extract(week from {{ column }})
{%- endmacro %}

{% macro bigquery__iso_week(column) -%}
    extract(isoweek from {{ column }})
{%- endmacro %}

{# The ISO day of the week of a date: 1 for Monday to 7 for Sunday. #}
{% macro iso_day_of_week(column) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__iso_day_of_week(column) -%}
    extract(isodow from {{ column }})
{%- endmacro %}

{# BigQuery's DAYOFWEEK counts from Sunday = 1. #}
{% macro bigquery__iso_day_of_week(column) -%}
    mod(extract(dayofweek from {{ column }}) + 5, 7) + 1
{%- endmacro %}

{# The English name of a date's month (January) or weekday (Monday). #}
{% macro month_name(column) -%}
    {{ return(adapter.dispatch('month_name', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__month_name(column) -%}
    monthname({{ column }})
{%- endmacro %}

{% macro bigquery__month_name(column) -%}
    format_date('%B', {{ column }})
{%- endmacro %}

{% macro day_name(column) -%}
    {{ return(adapter.dispatch('day_name', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__day_name(column) -%}
    dayname({{ column }})
{%- endmacro %}

{% macro bigquery__day_name(column) -%}
    format_date('%A', {{ column }})
{%- endmacro %}

{# How many rows meet a condition, and the sum of an expression over them (SQL's FILTER clause, which
    BigQuery lacks); the same in every database. #}
{% macro count_where(condition) -%}
    count(case when {{ condition }} then 1 end)
{%- endmacro %}

{% macro sum_where(expression, condition) -%}
    sum(case when {{ condition }} then {{ expression }} end)
{%- endmacro %}
