select
    id,
    {{ our_utils.cents_to_dollars('cents') }} as dollars,
    '{{ var("our_level") }}' as level,
    '{{ var("our_only_in_package") }}' as kept
from {{ ref('our_prices') }}
