-- profit = sale_price - cost on every item (to a micro-dollar).
select order_item_id, sale_price, cost, profit
from {{ ref('fct_order_items') }}
where profit is null and sale_price is not null and cost is not null
   or abs(profit - (sale_price - cost)) > 0.000001
