// One rule for every parameter: the pom's <configuration> wins over -D, and each shadowed -D is named in a
// warning with the element and how to make it overridable. Lists too (Maven alone would let -D win there).
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[WARNING] -Decommerce.anchorDate=2025-06-01 is ignored: <anchorDate>2026-01-01</anchorDate> in the'
        + " pom's plugin <configuration> wins. To make it overridable, declare"
        + ' <properties><ecommerce.anchorDate>2026-01-01</ecommerce.anchorDate></properties> in the pom instead of <anchorDate>.')
assert log.contains('[WARNING] -Decommerce.formats=parquet is ignored: <formats>csv,parquet</formats>')
assert !log.contains('-Decommerce.seed=7 is ignored') : 'seed comes from a property, so -D wins'
assert !log.contains('-Decommerce.scale=0.002 is ignored')

def work = new File(basedir, 'target/ecommerce')
def manifest = new JsonSlurper().parse(new File(work, 'manifest.json'))
assert manifest.ingest.source.anchorDate == '2026-01-01'
assert manifest.ingest.source.seed == 7
assert manifest.ingest.tables*.table == ['users', 'orders']
assert manifest.sink.files*.format.sort() == ['csv', 'csv', 'parquet', 'parquet']
['users', 'orders'].each { t -> ['csv', 'parquet'].each { assert new File(work, "out/${t}.${it}").isFile() } }
return true
