-- Orders per status: counts orders (one row of fct_orders each), not items. share_of_orders is rounded
-- to 4 decimals.
select
    status,
    count(*)                                            as orders,
    cast(sum(items) as bigint)                          as items,
    round(count(*) / sum(count(*)) over (), 4)          as share_of_orders
from {{ ref('fct_orders') }}
group by status
