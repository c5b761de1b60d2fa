// The s3 sink failed with the 403 message naming the settings to fix, the log is a -X log with the plugin's
// debug lines but without the libraries' wire dumps, and no planted credential (nor a piece of one) appears in
// build.log (console and exceptions, -e) or in any file of the project after the build.
import dev.ecommerce.maven.PlantedSecrets

def server = System.properties.remove('ecommerce.it.debugLogS3.server')
server?.close()

def planted = new Properties()
new File(basedir, '.env').withReader('UTF-8') { planted.load(it) }
def names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'MOTHERDUCK_TOKEN']
assert names.every { planted.getProperty(it)?.length() > 20 }
def leaks = PlantedSecrets.leaks(basedir.toPath(), names.collectEntries { [(it): [planted.getProperty(it)]] },
        ['.env', 'prebuild.groovy', 'verify.groovy'].collect { new File(basedir, it).toPath() } as Set)
assert leaks.isEmpty() : 'planted credentials leaked:\n' + leaks.unique().join('\n')

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[DEBUG]')
assert log.contains('Library wire logging is off')
assert log.contains('Check the credentials: the settings.xml server of <s3ServerId>')
assert log.contains('403')
assert log.contains('BUILD FAILURE')
// The md destination ran before s3, into its DuckDB file.
assert new File(basedir, 'target/analytics.duckdb').length() > 0
// No wire dumps: Netty's hex dumps and the SigV4 canonical request are off.
assert !log.contains('+-------------------------------------------------+')
assert !log.contains('AWS4 Canonical Request')
// No test server chatter: S3Proxy's Jetty banner ("jetty-9.4.x; built: ...", "Started ServerConnector"); a
// resolved jetty-bom pom (a first build's local repository) is no banner.
assert !(log =~ /jetty-[0-9.]+\S*; built:/)
assert !log.contains('Started ServerConnector')
def lines = log.readLines().size()
assert lines < 20000 : "a -X build of this small project wrote ${lines} lines"

return true
