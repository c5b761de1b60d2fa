// -Decommerce.skip=true: both goals log that they skip, and nothing is written.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Skipping ecommerce:ingest (ecommerce.skip is set)')
assert log.contains('Skipping ecommerce:sink (ecommerce.skip is set)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/ecommerce').exists()
return true
