-- The best-selling products: items sold are order_items rows with a revenue status (one row per unit),
-- ranked by items sold, then revenue, then product id; keeps the first var `top_products_limit`.
with sales as (
    select
        product_id,
        count(*)                    as items_sold,
        count(distinct order_id)    as orders,
        sum(sale_price)             as revenue,
        sum(profit)                 as profit
    from {{ ref('fct_order_items') }}
    where is_revenue
    group by product_id
),

ranked as (
    select
        row_number() over (
            order by sales.items_sold desc, sales.revenue desc, sales.product_id
        )                           as sales_rank,
        sales.product_id,
        products.product_name,
        products.brand,
        products.category,
        products.department,
        sales.items_sold,
        sales.orders,
        round(sales.revenue, 2)     as revenue,
        round(sales.profit, 2)      as profit
    from sales
    left join {{ ref('dim_products') }} as products
        on sales.product_id = products.product_id
)

select *
from ranked
where sales_rank <= {{ var('top_products_limit', 100) }}
