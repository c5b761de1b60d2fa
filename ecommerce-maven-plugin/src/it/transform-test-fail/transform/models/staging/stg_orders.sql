select order_id, user_id, status, num_of_item from {{ source('thelook', 'orders') }}
