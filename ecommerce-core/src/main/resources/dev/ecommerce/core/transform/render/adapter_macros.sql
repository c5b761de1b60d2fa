{#- dbt's global macros that touch the database, as the embedded engine runs them (namespace dbt). -#}

{% macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}
  {%- if execute -%}
    {%- set __dbt_statement_sql = caller() -%}
    {%- do __dbt_statement(name, __dbt_statement_sql, fetch_result) -%}
  {%- endif -%}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
  {{ adapter.dispatch('create_view_as', 'dbt')(relation, sql) }}
{%- endmacro %}

{% macro default__create_view_as(relation, sql) -%}
  create view {{ relation }} as (
    {{ sql }}
  );
{%- endmacro %}

{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code) }}
{%- endmacro %}

{% macro default__create_table_as(temporary, relation, sql) -%}
  {%- if temporary -%}
  create temporary table {{ relation.include(database=False, schema=False) }} as (
    {{ sql }}
  );
  {%- else -%}
  create table {{ relation }} as (
    {{ sql }}
  );
  {%- endif -%}
{%- endmacro %}
