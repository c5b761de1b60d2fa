{# Hours from one timestamp to another, to the second (NULL when either is NULL). #}
{% macro hours_between(start_column, end_column) -%}
    {{ dbt.datediff(start_column, end_column, 'second') }} / 3600.0
{%- endmacro %}
