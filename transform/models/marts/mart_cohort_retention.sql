-- Monthly cohort retention: customers grouped by the month of their first order; for each later month,
-- how many of them ordered again (any status: placing an order is activity). Month 0 is 1.0 by definition.
with order_months as (
    select distinct
        user_id,
        cast({{ dbt.date_trunc('month', 'order_date') }} as date) as order_month
    from {{ ref('fct_orders') }}
),

cohorts as (
    select user_id, min(order_month) as cohort_month
    from order_months
    group by user_id
),

cohort_sizes as (
    select cohort_month, count(*) as cohort_size
    from cohorts
    group by cohort_month
),

activity as (
    select
        cohorts.cohort_month,
        {{ dbt.datediff('cohorts.cohort_month', 'order_months.order_month', 'month') }}
                                                        as months_since_first_order,
        count(*)                                        as active_customers
    from order_months
    inner join cohorts on order_months.user_id = cohorts.user_id
    group by cohorts.cohort_month, months_since_first_order
)

select
    activity.cohort_month,
    activity.months_since_first_order,
    cohort_sizes.cohort_size,
    activity.active_customers,
    round(activity.active_customers / cohort_sizes.cohort_size, 4) as retention_rate
from activity
inner join cohort_sizes on activity.cohort_month = cohort_sizes.cohort_month
