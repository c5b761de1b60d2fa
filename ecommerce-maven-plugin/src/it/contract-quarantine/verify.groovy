// quarantine: minors move to users__rejected, the build passes, and users.csv holds exactly the others.
import groovy.json.JsonSlurper

def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
def entry = manifest.validation.tables.find { it.table == 'users' }
assert manifest.validation.onInvalid == 'quarantine'
assert entry.rowsChecked == 200
assert entry.rowsRejected > 0 && entry.rowsRejected < 100
def csv = new File(basedir, 'target/ecommerce/out/users.csv').readLines('UTF-8')
assert csv.size() - 1 == 200 - entry.rowsRejected : 'accepted + rejected must equal the source'
def ageColumn = csv[0].split(',').toList().indexOf('age')
assert csv.drop(1).every { (it.split(',')[ageColumn] as int) >= 18 } : 'a minor was exported'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("moved ${entry.rowsRejected} rows to users__rejected")
return true
