// -Decommerce.tables=orders,ordrs: a build FAILURE (user-fixable) that names the bad table and the valid
// ones, before the warehouse is created.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Unknown table [ordrs] in <tables> (-Decommerce.tables).')
assert log.contains('Valid tables: distribution_centers, products, users, orders, order_items, inventory_items, events.')
assert log.contains('MojoFailureException') : 'a bad table name must be a MojoFailureException, not an error'
assert !log.contains('Skipping ecommerce:')
assert !new File(basedir, 'target/ecommerce/warehouse.duckdb').exists()
assert !new File(basedir, 'target/ecommerce/manifest.json').exists()
return true
