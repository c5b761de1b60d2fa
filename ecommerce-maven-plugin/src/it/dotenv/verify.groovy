// TABLE_NAMES=users,orders in .env: only those two tables are loaded and written.
import groovy.json.JsonSlurper

def work = new File(basedir, 'target/ecommerce')
def manifest = new JsonSlurper().parse(new File(work, 'manifest.json'))
assert manifest.ingest.tables*.table == ['users', 'orders']
assert manifest.ingest.tables.find { it.table == 'users' }.rows == 200
assert manifest.sink.destinations*.status == ['succeeded']
assert manifest.sink.files*.table as Set == ['users', 'orders'] as Set

assert new File(work, 'out').list() as Set == ['users.csv', 'users.parquet', 'orders.csv', 'orders.parquet', '_manifest.json'] as Set
assert new File(work, 'out/users.csv').readLines('UTF-8').size() == 1 + 200
return true
