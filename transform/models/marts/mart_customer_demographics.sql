-- Users per age band, gender and (signup) traffic source: how many, how many ordered, what they spent
-- (revenue statuses only).
with per_user as (
    select
        user_id,
        count(*)                                        as orders,
        {{ sum_where('order_total', 'is_revenue') }}    as revenue
    from {{ ref('fct_orders') }}
    group by user_id
)

select
    users.age_band,
    users.gender,
    users.traffic_source,
    count(*)                                            as users,
    count(per_user.user_id)                             as customers,
    cast(coalesce(sum(per_user.orders), 0) as {{ dbt.type_bigint() }}) as orders,
    round(coalesce(sum(per_user.revenue), 0), 2)        as revenue,
    round({{ safe_divide('count(per_user.user_id)', 'count(*)') }}, 4) as customer_share
from {{ ref('dim_users') }} as users
left join per_user on users.user_id = per_user.user_id
group by users.age_band, users.gender, users.traffic_source
