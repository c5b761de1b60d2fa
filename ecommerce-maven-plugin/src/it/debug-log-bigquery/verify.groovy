// The key file was really used (the token server signed nothing it did not see: it received assertions from the
// planted service account) and BigQuery mode loaded the tables; no planted value (key id, private key lines,
// the access token the key bought, the signed assertion, AWS and MotherDuck secrets), nor a 12-character piece of
// one, appears in build.log (console and exceptions) or in any file the build wrote.
import groovy.json.JsonSlurper

def state = System.properties.remove('ecommerce.it.debugLogBigQuery')
state.server.stop(0)

def key = new JsonSlurper().parse(new File(basedir, 'sa-key.json'))
def env = new Properties()
new File(basedir, '.env').withReader('UTF-8') { env.load(it) }
def values = [
        private_key_id: [key.private_key_id],
        private_key: key.private_key.readLines().findAll { !it.startsWith('-----') },
        access_token: [state.accessToken],
        assertion: state.assertions.unique(),
] + ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'MOTHERDUCK_TOKEN'].collectEntries {
    [(it): [env.getProperty(it)]]
}
// Whole values and 12-character pieces (every one for short values, one per 12 characters for long ones).
def needles = values.collectEntries { name, list ->
    [(name): list.collectMany { s ->
        int step = s.length() > 120 ? 12 : 1
        [s] + (0..s.length() - 12).step(step).collect { s.substring(it, it + 12) }
    }.unique()]
}
def planting = ['.env', 'sa-key.json', 'prebuild.groovy', 'verify.groovy'].collect { new File(basedir, it).canonicalFile }
def leaks = []
basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    if (planting.contains(file.canonicalFile)) {
        return
    }
    def text = new String(file.bytes, 'ISO-8859-1')
    needles.each { name, pieces ->
        def found = pieces.findAll { text.contains(it) }
        if (found) {
            leaks << "${basedir.toPath().relativize(file.toPath())}: ${name} (${found.size()} pieces, e.g. '${found[0]}')"
        }
    }
}
assert leaks.isEmpty() : 'planted credentials leaked:\n' + leaks.join('\n')

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[DEBUG]')
assert log.contains('Library wire logging is off')
assert log.contains('Started the local BigQuery server')
// Both Google clients ran with the key's access token: REST (the estimate) and Storage Read (gRPC, Arrow).
assert log.contains('BigQuery estimate: ')
assert log.contains('users: Storage Read API (Arrow')
assert !state.assertions.isEmpty() : 'the Google clients never asked the token server: the key file was not used'
def claims = new JsonSlurper().parse(state.assertions[0].split('\\.')[1].decodeBase64Url())
assert claims.iss == 'planted-it@local-project.iam.gserviceaccount.com'
def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
assert manifest.ingest.source.kind == 'bigquery'
assert manifest.ingest.tables.collectEntries { [(it.table): it.rows as long] } == [distribution_centers: 10L, users: 100L]

return true
