-- Web sessions per traffic source and how many reach each step: home, department, product, cart,
-- purchase (a session reaches a step when it has at least one event of that type; multi-item purchase
-- sessions and anonymous sessions start at department or product, so steps are not nested).
with sessions as (
    select * from {{ ref('fct_sessions') }}
)

select
    traffic_source,
    count(*)                                            as sessions,
    {{ count_where('reached_home') }}                   as home_sessions,
    {{ count_where('reached_department') }}             as department_sessions,
    {{ count_where('reached_product') }}                as product_sessions,
    {{ count_where('reached_cart') }}                   as cart_sessions,
    {{ count_where('reached_purchase') }}               as purchase_sessions,
    round({{ safe_divide(count_where('reached_cart'), count_where('reached_product')) }}, 4)
                                                        as product_to_cart_rate,
    round({{ safe_divide(count_where('reached_purchase'), count_where('reached_cart')) }}, 4)
                                                        as cart_to_purchase_rate,
    round({{ safe_divide(count_where('reached_purchase'), 'count(*)') }}, 4)
                                                        as conversion_rate
from sessions
group by traffic_source
