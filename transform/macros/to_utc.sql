{# A TIMESTAMP WITH TIME ZONE (or an instant read from Parquet) as a plain TIMESTAMP in UTC, whatever the
    session time zone: lossless, and date parts of the result are UTC dates. BigQuery's TIMESTAMP is already
    an instant whose date parts are UTC dates. #}
{% macro to_utc(column) -%}
    {{ return(adapter.dispatch('to_utc', 'thelook')(column)) }}
{%- endmacro %}

{% macro duckdb__to_utc(column) -%}
    timezone('UTC', {{ column }})
{%- endmacro %}

{% macro bigquery__to_utc(column) -%}
    cast({{ column }} as timestamp)
{%- endmacro %}
