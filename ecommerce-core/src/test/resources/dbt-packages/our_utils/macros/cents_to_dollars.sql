{# Dispatched as dbt packages do: a project may override either implementation (dispatch: config). #}
{% macro cents_to_dollars(column) -%}
  {{ return(adapter.dispatch('cents_to_dollars', 'our_utils')(column)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column) -%}
  ({{ column }} / 100.0)
{%- endmacro %}

{% macro duckdb__cents_to_dollars(column) -%}
  round({{ column }} / 100.0, 2)
{%- endmacro %}

{% macro our_level() -%}
  '{{ var("our_level") }}'
{%- endmacro %}
