// A table check of severity fail (freshness, at most a minute before the anchor date) fails the build in validate,
// naming the table, the check and the setting, after the JSON, JUnit XML, manifest and HTML reports were written;
// nothing is exported.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Table checks failed:')
assert log.contains('freshness users (created_at): newest ')
assert log.contains('before 2026-01-01T00:00:00Z (at most 1m)')
assert log.contains('<tableChecks>freshness: maxAge=<longer></tableChecks> (-Decommerce.checks=freshness: maxAge=<longer>)')
assert log.contains('MojoFailureException')
assert log.contains('Table checks:')
def report = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/reports/validation.json'))
def failed = report.tableChecks.findAll { it.status == 'fail' }
assert failed*.table.toSet() == ['users', 'orders'] as Set
assert failed.every { it.check == 'freshness' && it.severity == 'fail' }
assert report.tableChecks.find { it.check == 'primaryKey' && it.table == 'orders' }.status == 'pass'
assert report.tableChecks.find { it.check == 'foreignKey' && it.table == 'orders' }.subject == 'orders.user_id -> users.id'
def junit = new File(basedir, 'target/ecommerce/reports/junit/TEST-ecommerce-contracts.xml').getText('UTF-8')
assert junit.contains('<testsuite name="table-checks"')
assert junit.contains('<testcase classname="table-checks.users" name="freshness created_at"><failure type="freshness"')
def manifest = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/manifest.json'))
assert manifest.validation.tableChecks.count { it.status == 'fail' } == 2
def html = new File(basedir, 'target/ecommerce/report.html').getText('UTF-8')
assert html.indexOf('<section id="failures"') < html.indexOf('<section id="table-checks">')
assert html.contains('users \u00b7 freshness created_at')
assert !new File(basedir, 'target/ecommerce/out').exists() : 'nothing may be exported after a failed validation'
return true
