{# A TIMESTAMP WITH TIME ZONE (or an instant read from Parquet) as a plain TIMESTAMP in UTC, whatever the
    session time zone: lossless, and date parts of the result are UTC dates. #}
{% macro to_utc(column) -%}
    timezone('UTC', {{ column }})
{%- endmacro %}
