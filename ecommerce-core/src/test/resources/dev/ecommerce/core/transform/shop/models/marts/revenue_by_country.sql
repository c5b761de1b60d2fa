with paid as (
    select * from {{ ref('paid_orders') }}
)
select c.country_name, sum(p.amount) as revenue, count(*) as orders
from paid p
join {{ ref('countries') }} c on c.code = p.country
group by c.country_name
