-- Sales per customer country (revenue statuses only). Country names are as in the data
-- (Brasil, España and Deutschland are spelled so).
select
    users.country,
    count(distinct items.user_id)       as customers,
    count(distinct items.order_id)      as orders,
    count(*)                            as items,
    round(sum(items.sale_price), 2)     as revenue,
    round(sum(items.profit), 2)         as profit
from {{ ref('fct_order_items') }} as items
inner join {{ ref('dim_users') }} as users
    on items.user_id = users.user_id
where items.is_revenue
group by users.country
