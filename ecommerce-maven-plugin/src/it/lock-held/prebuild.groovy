// Plays "another build" in another process (the invoker's JVM; the case's build is forked): locks
// target/ecommerce/.lock the way the plugin does and names itself in it. verify.groovy releases it.
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption

def work = new File(basedir, 'target/ecommerce')
work.mkdirs()
def channel = FileChannel.open(new File(work, '.lock').toPath(),
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
assert channel.tryLock() != null
def pid = ProcessHandle.current().pid()
channel.write(ByteBuffer.wrap(("{\"pid\":${pid},\"startedAt\":\"2026-12-01T10:00:00Z\","
        + "\"command\":\"mvn verify (the other build)\",\"buildId\":\"other\"}").getBytes('UTF-8')), 0)
System.getProperties().put('ecommerce.it.lockHeld', channel) // keeps the channel, and so the lock, alive
new File(basedir, 'holder.pid').text = pid.toString()
return true
