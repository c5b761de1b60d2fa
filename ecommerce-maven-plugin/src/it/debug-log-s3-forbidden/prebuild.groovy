// Starts an S3 server (ecommerce-testkit's LocalS3, on the scripts' class path through addTestClassPath) in the
// invoker's JVM that accepts only its own keys, so the planted keys of .env are really signed and sent, and
// rejected with 403. The build finds it through .mvn/maven.config; verify.groovy stops it.
import dev.ecommerce.testkit.s3.LocalS3

// Jetty and S3Proxy of this server log into the invoker's own output: keep them to warnings.
['org.gaul', 'org.eclipse.jetty'].each { System.setProperty('org.slf4j.simpleLogger.log.' + it, 'warn') }
def server = LocalS3.withKeys('it-server-own-key-id', 'it-server-own-secret-key', 'ecommerce-it')
System.properties.put('ecommerce.it.debugLogS3.server', server)
def config = new File(basedir, '.mvn/maven.config')
config.parentFile.mkdirs()
config.text = '-Decommerce.s3.endpoint=' + server.endpoint() + '\n'
return true
