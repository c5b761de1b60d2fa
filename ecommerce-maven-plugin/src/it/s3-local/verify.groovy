// s3 and md offline: the objects are files of the local S3 server, the manifest object lists them with their
// checksums and row counts, the DuckDB file has the tables, and no secret of .env reached the -X log.
import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Started the local S3 server')
assert log.contains('[DEBUG]')
['fake-key-id-invoker-it', 'fakeInvokerSecret/0815+abcdefghijklmnop', 'fake-invoker-motherduck-token-31337'].each {
    assert !log.contains(it) : 'a secret reached the build log'
}
def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
assert manifest.sink.destinations.collect { it.destination + ':' + it.status } ==
        ['local:succeeded', 's3:succeeded', 'md:succeeded']
def rows = manifest.ingest.tables.collectEntries { [(it.table): it.rows as long] }

def raw = new File(basedir, 'target/ecommerce/s3-local/ecommerce-local/raw')
def names = raw.list().findAll { !it.startsWith('.') }.sort()
assert names == (['_manifest.json'] + rows.keySet().collect { it + '.parquet' }).sort()
def published = new JsonSlurper().parse(new File(raw, '_manifest.json'))
assert published.runId == manifest.runId
assert published.objects.size() == 7
published.objects.each { o ->
    def file = new File(raw, o.table + '.parquet')
    assert o.key == 'raw/' + o.table + '.parquet'
    assert file.length() == o.bytes
    assert MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() == o.sha256
    assert o.rows == rows[o.table]
}
assert new File(basedir, 'target/analytics.duckdb').length() > 0

// transform, dev target: the mart went up as one Parquet object; its rows count the orders per status.
assert manifest.transform.target == 'dev'
assert manifest.transform.statuses == [success: 1, pass: 2]
def mart = new File(basedir, 'target/ecommerce/s3-local/ecommerce-local/marts/orders_by_status.parquet')
assert mart.length() > 0
assert new String(mart.bytes, 0, 4, 'US-ASCII') == 'PAR1'
// the raw object the source read, staged once
assert new File(basedir, 'target/ecommerce/staging/transform/in/ecommerce-local/raw/orders.parquet').length() > 0
assert log.contains('Transform done')
return true
