-- Sales per department and category (revenue statuses only); margin = profit / revenue.
select
    products.department,
    products.category,
    count(distinct items.order_id)                                      as orders,
    count(*)                                                            as items,
    round(sum(items.sale_price), 2)                                     as revenue,
    round(sum(items.cost), 2)                                           as cost,
    round(sum(items.profit), 2)                                         as profit,
    round({{ safe_divide('sum(items.profit)', 'sum(items.sale_price)') }}, 4) as margin
from {{ ref('fct_order_items') }} as items
inner join {{ ref('dim_products') }} as products
    on items.product_id = products.product_id
where items.is_revenue
group by products.department, products.category
