// A singular dbt test finds rows: the build fails (MojoFailureException) naming the test, its file and the
// failing rows, and the model downstream of the tested one is skipped; run_results.json records both.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('MojoFailureException')
assert log =~ /fail test assert_no_order_has_more_than_two_items \(tests\/assert_no_order_has_more_than_two_items\.sql\): [0-9,]+ failing rows/
def runResults = new JsonSlurper().parse(new File(basedir, 'target/ecommerce/reports/run_results.json'))
def test = runResults.results.find { it.unique_id == 'test.shop.assert_no_order_has_more_than_two_items' }
assert test.status == 'fail'
assert test.failures > 0
assert log.contains('Skipped because of them: revenue_by_user')
assert runResults.results.find { it.unique_id == 'model.shop.stg_orders' }.status == 'success'
assert runResults.results.find { it.unique_id == 'model.shop.revenue_by_user' }.status == 'skipped'
// The goal's last line names the run report, whose first section is the failure, naming the test.
def lines = log.readLines()
def reportLine = '[INFO] Run report: ' + new File(basedir, 'target/ecommerce/report.html').canonicalPath
assert lines.count(reportLine) == 2 // ingest's and transform's
assert lines[lines.indexOf(reportLine) + 2].startsWith('[INFO] --- ecommerce:')
def named = lines.lastIndexOf(reportLine)
assert lines[named + 1].startsWith('[INFO] ------')
assert lines[named + 2] == '[INFO] BUILD FAILURE'
def html = new File(basedir, 'target/ecommerce/report.html').getText('UTF-8')
def failures = html.indexOf('<section id="failures"')
assert failures > 0 && failures == html.indexOf('<section ')
assert html.substring(failures, html.indexOf('</section>', failures)).contains('test.shop.assert_no_order_has_more_than_two_items')
return true
