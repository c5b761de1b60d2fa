select order_id from {{ ref('stg_orders') }} where num_of_item > 2
