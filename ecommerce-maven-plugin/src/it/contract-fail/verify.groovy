// The project's own contract rejects users under 18: the build fails in validate, naming the table, the
// count and rows, and nothing is exported.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Rows break their data contracts: users ')
assert log.contains('users row ')
assert log.contains('must be greater than or equal to 18')
assert log.contains('MojoFailureException')
def report = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/reports/validation.json'))
def users = report.tables.find { it.table == 'users' }
assert users.contract == 'com.example.contracts.AdultUserRow'
assert users.rowsChecked == 200
assert users.rowsRejected > 0 && users.rowsRejected < 200
def junit = new File(basedir, 'target/ecommerce/reports/junit/TEST-ecommerce-contracts.xml').getText('UTF-8')
assert junit.contains('<testcase classname="contracts.users" name="age Min"><failure type="Min"')
assert !new File(basedir, 'target/ecommerce/out').exists() : 'nothing may be exported after a failed validation'
return true
