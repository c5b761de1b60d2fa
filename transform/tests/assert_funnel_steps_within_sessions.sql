-- No funnel step has more sessions than the traffic source, purchases need a cart, and the sessions of
-- all traffic sources add up to the distinct sessions of the events.
with totals as (select sum(sessions) as sessions from {{ ref('mart_event_funnel') }}),
events as (select count(distinct session_id) as sessions from {{ ref('stg_events') }})

select traffic_source, sessions, cart_sessions, purchase_sessions
from {{ ref('mart_event_funnel') }}
where home_sessions > sessions
   or department_sessions > sessions
   or product_sessions > sessions
   or cart_sessions > sessions
   or purchase_sessions > cart_sessions
union all
select 'all sources', totals.sessions, null, null
from totals cross join events
where totals.sessions <> events.sessions
