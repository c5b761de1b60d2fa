// -Decommerce.sink.skip=true: ingest runs, sink logs that it skips and writes no files.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains('Skipping ecommerce:ingest')
assert log.contains('Skipping ecommerce:sink (sink skip is set)')

def work = new File(basedir, 'target/ecommerce')
assert new File(work, 'warehouse.duckdb').isFile()
def manifest = new JsonSlurper().parse(new File(work, 'manifest.json'))
assert manifest.ingest.tables.find { it.table == 'users' }.rows == 200
assert manifest.sink == null
assert !new File(work, 'out').exists()
return true
