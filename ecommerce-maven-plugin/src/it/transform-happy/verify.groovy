// ingest + transform (embedded engine): every node succeeds; dbt's artifacts are where dbt puts them and
// run_results.json is copied to the reports.
import groovy.json.JsonSlurper

def reports = new File(basedir, 'target/ecommerce/reports/run_results.json')
assert reports.isFile()
def runResults = new JsonSlurper().parse(reports)
assert runResults.metadata.dbt_schema_version == 'https://schemas.getdbt.com/dbt/run-results/v6.json'
def statuses = runResults.results.collectEntries { [(it.unique_id): it.status] }
assert statuses['model.shop.stg_orders'] == 'success'
assert statuses['model.shop.revenue_by_user'] == 'success'
assert statuses['unit_test.shop.revenue_by_user.revenue_counts_revenue_statuses_only'] == 'pass'
assert statuses['test.shop.source_unique_thelook_orders_order_id.28e3c3189e'] == 'pass' // dbt's name and hash
assert statuses['test.shop.unique_revenue_by_user_user_id.97e6a10a8a'] == 'pass'
assert statuses['test.shop.assert_num_of_item_matches_items'] == 'pass'
assert statuses.keySet().any { it.startsWith('test.shop.relationships_revenue_by_user_user_id') }
assert statuses.values().every { it in ['success', 'pass'] } : statuses
assert reports.text == new File(basedir, 'transform/target/run_results.json').text

def manifest = new JsonSlurper().parse(new File(basedir, 'transform/target/manifest.json'))
def revenue = manifest.nodes['model.shop.revenue_by_user']
assert revenue.config.materialized == 'table'
assert revenue.depends_on.nodes as Set == ['model.shop.stg_orders', 'source.shop.thelook.order_items'] as Set

// <vars> replaced the project's revenue_statuses
def compiled = new File(basedir, 'transform/target/compiled/shop/models/marts/revenue_by_user.sql').text
assert compiled.contains("o.status in ('Complete', 'Shipped')")
assert compiled.contains('from "main"."stg_orders" o')

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Transforming with the embedded engine')
assert log.contains('Embedded engine: parse ')
assert log.contains('Transform done in ')
return true
