-- Orders per status: counts orders (one row of fct_orders each), not items; every status of the
-- order_statuses seed appears, with 0 when no order has it. share_of_orders is rounded to 4 decimals.
with counts as (
    select
        status,
        count(*)                    as orders,
        sum(items)                  as items
    from {{ ref('fct_orders') }}
    group by status
)

select
    statuses.status,
    statuses.lifecycle_order,
    statuses.description,
    coalesce(counts.orders, 0)                                  as orders,
    cast(coalesce(counts.items, 0) as {{ dbt.type_bigint() }})    as items,
    round(coalesce(counts.orders, 0) / sum(coalesce(counts.orders, 0)) over (), 4) as share_of_orders
from {{ ref('order_statuses') }} as statuses
left join counts on statuses.status = counts.status
