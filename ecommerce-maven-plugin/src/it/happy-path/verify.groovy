// ingest + sink at scale 0.002: every table in both formats, and the files agree with the manifest.
import groovy.json.JsonSlurper
import java.security.MessageDigest

def tables = ['distribution_centers', 'products', 'users', 'orders', 'order_items', 'inventory_items', 'events']
def work = new File(basedir, 'target/ecommerce')
def out = new File(work, 'out')

assert new File(work, 'warehouse.duckdb').isFile()
def manifestFile = new File(work, 'manifest.json')
assert manifestFile.isFile()
def manifest = new JsonSlurper().parse(manifestFile)

// ingest: what was loaded
def rows = manifest.ingest.tables.collectEntries { [(it.table): it.rows as long] }
assert rows.keySet() as List == tables
assert rows.users == 200L                 // 100,000 x 0.002
assert rows.distribution_centers == 10L
assert rows.products == 29120L            // products do not scale
tables.each { assert rows[it] > 0L : "no rows in $it" }
assert manifest.ingest.source.scale == 0.002
assert manifest.ingest.source.seed == 42

// sink: the destination succeeded and wrote exactly the 14 expected files
assert manifest.sink.destinations.size() == 1
assert manifest.sink.destinations[0].destination == 'local'
assert manifest.sink.destinations[0].status == 'succeeded'
def expected = tables.collectMany { ["${it}.csv", "${it}.parquet"] } as Set
assert out.list() as Set == expected + ['_manifest.json'] as Set

// out/ is a link to the generation the sink published; its _manifest.json names the run and every file
assert java.nio.file.Files.isSymbolicLink(out.toPath())
def generation = new JsonSlurper().parse(new File(out, '_manifest.json'))
assert generation.runId == manifest.runId
assert generation.generation == manifest.sink.generation.name
assert out.canonicalFile == new File(work, manifest.sink.generation.folder).canonicalFile
assert new File(work, 'out.generations').list() as List == [generation.generation]
assert generation.files*.name as Set == expected
generation.files.each { entry ->
    def file = new File(out, entry.name)
    assert file.length() == entry.bytes
    assert MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() == entry.sha256
    assert entry.rows == rows[entry.table]
}

tables.each { table ->
    def csv = new File(out, "${table}.csv")
    def parquet = new File(out, "${table}.parquet")
    assert csv.isFile() && parquet.isFile()

    // CSV: a header, then one line per row (thelook has no line breaks inside values)
    def lines = csv.readLines('UTF-8')
    assert lines[0].startsWith(table == 'orders' ? 'order_id,' : 'id,')
    assert lines.size() - 1 == rows[table] : "${table}.csv has ${lines.size() - 1} rows, the manifest says ${rows[table]}"

    // Parquet: starts and ends with the PAR1 magic
    byte[] bytes = parquet.bytes
    assert new String(bytes, 0, 4, 'US-ASCII') == 'PAR1'
    assert new String(bytes, bytes.length - 4, 4, 'US-ASCII') == 'PAR1'
}

// every file entry of the manifest matches the file on disk
assert manifest.sink.files.size() == expected.size()
manifest.sink.files.each { entry ->
    def file = new File(work, entry.location)
    assert file.isFile() : "manifest lists missing $entry.location"
    assert file.length() == entry.bytes
    assert MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() == entry.sha256
}

def log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains('Skipping ecommerce:')
// .mvn/jvm.config opens java.nio as a user project would, so ingest takes the Arrow path (the other cases
// run without it and cover the Appender fallback).
assert log.contains('Bulk load: Arrow')
return true
