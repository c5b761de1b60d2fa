// The lock of the killed build is taken over (and said so); both goals of this build share it; the build
// releases it when it ends, so the lock file names nobody afterwards.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def pid = new File(basedir, 'gone.pid').text.trim()
def work = new File(basedir, 'target/ecommerce')
assert log.contains("Took over the lock of ${work.canonicalFile} left by a build that is gone (pid ${pid}, started 2026-12-01T10:00:00Z)")
assert log.count('Took over the lock') == 1 : 'sink shares the lock ingest took'
assert log.contains('BUILD SUCCESS')
def manifest = new JsonSlurper().parse(new File(work, 'manifest.json'))
assert manifest.sink.destinations[0].status == 'succeeded'
assert new File(work, '.lock').length() == 0 : 'released at the end of the build: ' + new File(work, '.lock').text
return true
