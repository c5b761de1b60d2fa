select count(*) as prices from {{ ref('our_dollars') }} having count(*) <> 2
