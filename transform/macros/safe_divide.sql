{# Division that yields NULL instead of an error or infinity when the denominator is 0 or NULL. #}
{% macro safe_divide(numerator, denominator) -%}
    ({{ numerator }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
