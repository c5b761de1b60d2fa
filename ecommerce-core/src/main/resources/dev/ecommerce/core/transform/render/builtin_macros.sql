{#- dbt's built-in naming macros, as dbt documents their behaviour. A project's own macro of the same name
    replaces one of these; the default__ forms stay callable from it. -#}

{% macro default__generate_schema_name(custom_schema_name, node) -%}
{%- if custom_schema_name is none or (custom_schema_name | trim) == '' -%}
{{ target.schema }}
{%- else -%}
{{ target.schema }}_{{ custom_schema_name | trim }}
{%- endif -%}
{%- endmacro %}

{% macro generate_schema_name(custom_schema_name, node) -%}
{{ default__generate_schema_name(custom_schema_name, node) }}
{%- endmacro %}

{% macro generate_schema_name_for_env(custom_schema_name, node) -%}
{%- if target.name == 'prod' and custom_schema_name is not none -%}
{{ custom_schema_name | trim }}
{%- else -%}
{{ target.schema }}
{%- endif -%}
{%- endmacro %}

{% macro default__generate_alias_name(custom_alias_name, node) -%}
{%- if custom_alias_name is not none and (custom_alias_name | trim) != '' -%}
{{ custom_alias_name | trim }}
{%- else -%}
{{ node.name }}
{%- endif -%}
{%- endmacro %}

{% macro generate_alias_name(custom_alias_name, node) -%}
{{ default__generate_alias_name(custom_alias_name, node) }}
{%- endmacro %}

{% macro default__generate_database_name(custom_database_name, node) -%}
{%- if custom_database_name is none or (custom_database_name | trim) == '' -%}
{{ target.database }}
{%- else -%}
{{ custom_database_name | trim }}
{%- endif -%}
{%- endmacro %}

{% macro generate_database_name(custom_database_name, node) -%}
{{ default__generate_database_name(custom_database_name, node) }}
{%- endmacro %}

{#- dbt's should_store_failures(): the embedded engine stores no failures (store_failures is refused). -#}
{% macro should_store_failures() -%}
{{ return(false) }}
{%- endmacro %}
