-- One row per order item: price, the unit's cost, profit and margin, status, dates keyed to dim_date.
-- cost is the sold inventory unit's cost, else the product's cost; margin = profit / sale_price
-- (NULL when the sale price is 0 or unknown).
with items as (
    select * from {{ ref('stg_order_items') }}
),

inventory as (
    select inventory_item_id, cost from {{ ref('stg_inventory_items') }}
),

products as (
    select product_id, cost from {{ ref('stg_products') }}
),

priced as (
    select
        items.*,
        coalesce(inventory.cost, products.cost) as cost
    from items
    left join inventory on items.inventory_item_id = inventory.inventory_item_id
    left join products on items.product_id = products.product_id
)

select
    order_item_id,
    order_id,
    user_id,
    product_id,
    inventory_item_id,
    status,
    {{ is_revenue_status('status') }}                   as is_revenue,
    sale_price,
    cost,
    sale_price - cost                                   as profit,
    {{ safe_divide('sale_price - cost', 'sale_price') }} as margin,
    created_at,
    shipped_at,
    delivered_at,
    returned_at,
    cast(created_at as date)                            as order_date,
    cast(shipped_at as date)                            as shipped_date,
    cast(delivered_at as date)                          as delivered_date,
    cast(returned_at as date)                           as returned_date
from priced
