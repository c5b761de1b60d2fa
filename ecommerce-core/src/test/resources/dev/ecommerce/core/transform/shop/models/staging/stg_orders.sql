{{ config(tags=['staging']) }}
select
    id as order_id,
    country,
    {{ to_euros('amount_cents') }} as amount,
    status
from {{ source('raw', 'orders') }}
where amount_cents >= {{ var('min_amount') }}
