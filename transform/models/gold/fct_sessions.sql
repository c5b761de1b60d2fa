-- One row per web session (session_id): who (user_id, NULL when anonymous), where from (the session's
-- traffic source and browser), when, how many events, and which funnel steps it reached.
select
    session_id,
    min(user_id)                                                    as user_id,
    min(user_id) is null                                            as is_anonymous,
    min(traffic_source)                                             as traffic_source,
    min(browser)                                                    as browser,
    min(created_at)                                                 as started_at,
    max(created_at)                                                 as ended_at,
    cast(min(created_at) as date)                                   as session_date,
    count(*)                                                        as events,
    {{ count_where("event_type = 'home'") }} > 0                    as reached_home,
    {{ count_where("event_type = 'department'") }} > 0              as reached_department,
    {{ count_where("event_type = 'product'") }} > 0                 as reached_product,
    {{ count_where("event_type = 'cart'") }} > 0                    as reached_cart,
    {{ count_where("event_type = 'purchase'") }} > 0                as reached_purchase,
    {{ count_where("event_type = 'cancel'") }} > 0                  as reached_cancel
from {{ ref('stg_events') }}
group by session_id
