-- Average time to ship (order to shipment) and to deliver (order to delivery) per order month, each
-- averaged only over the orders that shipped, respectively were delivered.
select
    cast({{ dbt.date_trunc('month', 'order_date') }} as date) as order_month,
    count(*)                                            as orders,
    count(shipped_at)                                   as shipped_orders,
    round(avg(hours_to_ship), 2)                        as avg_hours_to_ship,
    round(avg(hours_to_ship) / 24, 2)                   as avg_days_to_ship,
    count(delivered_at)                                 as delivered_orders,
    round(avg(hours_to_deliver), 2)                     as avg_hours_to_deliver,
    round(avg(hours_to_deliver) / 24, 2)                as avg_days_to_deliver
from {{ ref('fct_orders') }}
group by cast({{ dbt.date_trunc('month', 'order_date') }} as date)
