// The build fails at once with a MojoFailureException naming the holder (pid, start time, command), the lock
// file and the setting that makes it wait; it touched nothing.
def channel = System.getProperties().remove('ecommerce.it.lockHeld')
channel?.close()
def log = new File(basedir, 'build.log').getText('UTF-8')
def pid = new File(basedir, 'holder.pid').text.trim()
def work = new File(basedir, 'target/ecommerce').canonicalFile
assert log.contains("Another build is using ${work}: pid ${pid}, started 2026-12-01T10:00:00Z, command 'mvn verify (the other build)'")
assert log.contains("(lock file ${new File(work, '.lock')})")
assert log.contains('Let it finish or stop it, then run again; or set <lockWaitSeconds> (-Decommerce.lockWaitSeconds) to wait for it.')
assert log.contains('MojoFailureException')
assert !log.contains('Ingesting ')
assert !new File(work, 'warehouse.duckdb').exists()
assert !new File(work, 'manifest.json').exists()
return true
