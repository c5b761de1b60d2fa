// What a build killed with SIGKILL leaves: a lock file that names it, with no process holding the lock.
def gone = new ProcessBuilder('true').start()
gone.waitFor()
def work = new File(basedir, 'target/ecommerce')
work.mkdirs()
new File(work, '.lock').text = "{\"pid\":${gone.pid()},\"startedAt\":\"2026-12-01T10:00:00Z\",\"command\":\"mvn verify\",\"buildId\":\"killed\"}"
new File(basedir, 'gone.pid').text = gone.pid().toString()
return true
