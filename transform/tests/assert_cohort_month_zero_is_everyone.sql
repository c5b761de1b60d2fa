-- In month 0 every customer of a cohort is active, and no later month has more active customers than
-- the cohort has members.
select cohort_month, months_since_first_order, cohort_size, active_customers
from {{ ref('mart_cohort_retention') }}
where (months_since_first_order = 0 and active_customers <> cohort_size)
   or active_customers > cohort_size
   or months_since_first_order < 0
