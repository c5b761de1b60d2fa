// A service-account key file with a fresh RSA key, its token_uri pointing to a token server in the invoker's JVM
// that answers every JWT assertion with a planted access token, and .env with the key file and planted AWS and
// MotherDuck secrets. The Google clients really load the key, sign an assertion and send the access token to the
// local BigQuery server. verify.groovy stops the token server and scans for every value.
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import java.security.KeyPairGenerator

def pair = KeyPairGenerator.getInstance('RSA').with { initialize(2048); generateKeyPair() }
def pem = '-----BEGIN PRIVATE KEY-----\n' + pair.private.encoded.encodeBase64().toString().replaceAll('(.{64})', '$1\n') +
        '\n-----END PRIVATE KEY-----\n'
def accessToken = 'ya29.PlantedAccessToken' + UUID.randomUUID().toString().replace('-', '')
def assertions = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
server.createContext('/token') { exchange ->
    def form = exchange.requestBody.getText('UTF-8')
    assertions << URLDecoder.decode(form.split('&').find { it.startsWith('assertion=') }?.substring(10) ?: '', 'UTF-8')
    def body = JsonOutput.toJson([access_token: accessToken, expires_in: 3600, token_type: 'Bearer']).getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.withStream { it.write(body) }
}
server.start()
def key = [
        type: 'service_account',
        project_id: 'local-project',
        private_key_id: 'planted' + UUID.randomUUID().toString().replace('-', ''),
        private_key: pem,
        client_email: 'planted-it@local-project.iam.gserviceaccount.com',
        client_id: '100000000000000000042',
        token_uri: "http://127.0.0.1:${server.address.port}/token".toString(),
]
def keyFile = new File(basedir, 'sa-key.json')
keyFile.text = JsonOutput.prettyPrint(JsonOutput.toJson(key))
new File(basedir, '.env').text = """GOOGLE_APPLICATION_CREDENTIALS=${keyFile.absolutePath}
AWS_ACCESS_KEY_ID=PlantedBqKeyId4Rt8Yp2Hs
AWS_SECRET_ACCESS_KEY=PlantedBqSecret/Wn3Kd7Lq1Zx5Cv9Bm+Gh2Jt6
AWS_SESSION_TOKEN=PlantedBqSessionToken8Vb2Nm6Qw4Er0Ty3Ui7Op1As5Df9Gh=
MOTHERDUCK_TOKEN=PlantedBqMotherDuckToken.eyJ6Hn1Mk5Pl9Ok3Ij7Uh2Yg
"""
System.properties.put('ecommerce.it.debugLogBigQuery', [server: server, accessToken: accessToken, assertions: assertions])
return true
