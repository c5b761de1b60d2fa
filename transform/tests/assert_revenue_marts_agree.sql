-- Daily and monthly revenue add up to the same total as the revenue items of the fact.
with daily as (select sum(revenue) as revenue, sum(items) as items from {{ ref('mart_revenue_daily') }}),
monthly as (select sum(revenue) as revenue, sum(items) as items from {{ ref('mart_revenue_monthly') }}),
fact as (
    select sum(sale_price) as revenue, count(*) as items
    from {{ ref('fct_order_items') }}
    where is_revenue
)

select daily.revenue as daily_revenue, monthly.revenue as monthly_revenue, fact.revenue as fact_revenue
from daily cross join monthly cross join fact
where daily.items <> fact.items
   or monthly.items <> fact.items
   or abs(daily.revenue - fact.revenue) > 0.01 * (select count(*) from {{ ref('mart_revenue_daily') }})
   or abs(monthly.revenue - fact.revenue) > 0.01 * (select count(*) from {{ ref('mart_revenue_monthly') }})
