-- margin is at most 1 (cost is never negative) and a loss never exceeds the sale price (margin >= -1);
-- margin is NULL only when the sale price is 0 or unknown.
select order_item_id, sale_price, cost, margin
from {{ ref('fct_order_items') }}
where margin > 1
   or margin < -1
   or (margin is null and sale_price <> 0)
   or cost < 0
