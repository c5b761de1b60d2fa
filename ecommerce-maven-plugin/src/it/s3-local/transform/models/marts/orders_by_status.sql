select status, count(*) as orders from {{ source('raw', 'orders') }} group by status
