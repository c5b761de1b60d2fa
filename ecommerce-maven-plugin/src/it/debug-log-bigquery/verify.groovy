// The key file was really used (the token server received assertions signed for the planted service account) and
// BigQuery mode loaded the tables; no planted value (key id, private key lines, the access token the key bought,
// the signed assertions, AWS and MotherDuck secrets), nor a 12-character piece of one, appears in build.log
// (console and exceptions, -e) or in any file of the project after the build.
import dev.ecommerce.maven.PlantedSecrets
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
def leaks = PlantedSecrets.leaks(basedir.toPath(), values,
        ['.env', 'sa-key.json', 'prebuild.groovy', 'verify.groovy'].collect { new File(basedir, it).toPath() } as Set)
assert leaks.isEmpty() : 'planted credentials leaked:\n' + leaks.join('\n')

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[DEBUG]')
assert log.contains('Library wire logging is off')
assert log.contains('Started the local BigQuery server')
// Both clients ran: REST with the key's access token (the estimate), Storage Read (gRPC, Arrow) without, since
// gRPC sends no credentials to a plaintext endpoint.
assert log.contains('BigQuery estimate: ')
assert log.contains('users: Storage Read API (Arrow')
assert !state.assertions.isEmpty() : 'the Google clients never asked the token server: the key file was not used'
def claims = new JsonSlurper().parse(state.assertions[0].split('\\.')[1].decodeBase64Url())
assert claims.iss == 'planted-it@local-project.iam.gserviceaccount.com'
def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
assert manifest.ingest.source.kind == 'bigquery'
assert manifest.ingest.tables.collectEntries { [(it.table): it.rows as long] } == [distribution_centers: 10L, users: 100L]

return true
