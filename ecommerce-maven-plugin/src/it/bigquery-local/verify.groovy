// BigQuery mode through the local server: every table read with the Storage Read API (Arrow), estimated
// first, validated, and exported with the same counts the generator gives at this scale.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Started the local BigQuery server')
assert log.contains('BigQuery estimate: ')
assert log.contains('events: Storage Read API (Arrow, direct, 2 streams)')
def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
assert manifest.ingest.source.kind == 'bigquery'
assert manifest.ingest.source.dataset == 'bigquery-public-data.thelook_ecommerce'
assert manifest.ingest.estimatedBytes.events > 0
def rows = manifest.ingest.tables.collectEntries { [(it.table): it.rows as long] }
assert rows.users == 200L && rows.products == 29120L && rows.distribution_centers == 10L
assert manifest.validation.tables.every { it.rowsRejected == 0 }
def users = new File(basedir, 'target/ecommerce/out/users.csv').readLines('UTF-8')
assert users.size() - 1 == 200
return true
