{# Hours from one timestamp to another, to the second (NULL when either is NULL). #}
{% macro hours_between(start_column, end_column) -%}
    date_diff('second', {{ start_column }}, {{ end_column }}) / 3600.0
{%- endmacro %}
