{# True when an order or item status counts as revenue (var `revenue_statuses`, by default Complete,
    Shipped and Processing: Cancelled orders never shipped and Returned items came back). #}
{% macro is_revenue_status(column) -%}
    {{ column }} in ({% for status in var('revenue_statuses', ['Complete', 'Shipped', 'Processing']) %}'{{ status }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
