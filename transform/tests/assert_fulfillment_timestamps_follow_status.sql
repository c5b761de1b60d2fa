-- Timestamps by status: Returned has shipped, delivered, returned; Complete shipped and delivered; Shipped
-- only shipped; Processing and Cancelled none. And created <= shipped <= delivered <= returned.
select order_id, status, created_at, shipped_at, delivered_at, returned_at
from {{ ref('stg_orders') }}
where (shipped_at is not null) <> (status in ('Shipped', 'Complete', 'Returned'))
   or (delivered_at is not null) <> (status in ('Complete', 'Returned'))
   or (returned_at is not null) <> (status = 'Returned')
   or shipped_at < created_at
   or delivered_at < shipped_at
   or returned_at < delivered_at
