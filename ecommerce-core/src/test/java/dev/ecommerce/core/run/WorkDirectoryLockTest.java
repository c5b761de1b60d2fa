package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryLockTest {

    @TempDir
    Path work;

    private static WorkDirectoryLock.Holder build(String id) {
        return WorkDirectoryLock.Holder.current(id, "mvn verify");
    }

    @Test
    void theGoalsOfOneBuildShareTheLockAndAnotherBuildIsToldWhoHoldsIt() {
        try (WorkDirectoryLock.Acquisition first = WorkDirectoryLock.acquire(work, build("a"), Duration.ZERO)) {
            assertThat(first.outcome()).isEqualTo(WorkDirectoryLock.Outcome.ACQUIRED);
            assertThat(WorkDirectoryLock.acquire(work, build("a"), Duration.ZERO)
                            .outcome())
                    .isEqualTo(WorkDirectoryLock.Outcome.ALREADY_HELD);
            assertThatThrownBy(() -> WorkDirectoryLock.acquire(work, build("b"), Duration.ZERO))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Another build is using " + work + ": pid "
                            + ProcessHandle.current().pid() + ", started ")
                    .hasMessageContaining("command 'mvn verify'")
                    .hasMessageContaining("lock file " + work.resolve(".lock"))
                    .hasMessageEndingWith("Let it finish or stop it, then run again; or set "
                            + Setting.LOCK_WAIT_SECONDS.ref() + " to wait for it.");
        }
        // Released: the next build takes it at once, and nobody is named as gone.
        try (WorkDirectoryLock.Acquisition next = WorkDirectoryLock.acquire(work, build("b"), Duration.ZERO)) {
            assertThat(next.outcome()).isEqualTo(WorkDirectoryLock.Outcome.ACQUIRED);
            assertThat(next.previousHolder()).isEmpty();
        }
    }

    @Test
    void aBuildWaitsWhenToldToUntilTheOtherOneReleases() throws Exception {
        WorkDirectoryLock.Acquisition first = WorkDirectoryLock.acquire(work, build("a"), Duration.ZERO);
        CompletableFuture.runAsync(first::close, CompletableFuture.delayedExecutor(600, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        try (WorkDirectoryLock.Acquisition second =
                WorkDirectoryLock.acquire(work, build("b"), Duration.ofSeconds(20))) {
            assertThat(second.outcome()).isEqualTo(WorkDirectoryLock.Outcome.WAITED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
        }
        WorkDirectoryLock.Acquisition third = WorkDirectoryLock.acquire(work, build("c"), Duration.ZERO);
        try {
            assertThatThrownBy(() -> WorkDirectoryLock.acquire(work, build("d"), Duration.ofMillis(400)))
                    .hasMessageContaining("to wait for it longer than 0 s");
        } finally {
            third.close();
        }
    }

    /** A real second process holds the lock; killed with SIGKILL, its lock is recognised as left behind. */
    @Test
    void aLockHeldByAnotherProcessBlocksAndIsTakenOverOnceThatProcessIsKilled() throws Exception {
        Process holder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldLock.class.getName(),
                        work.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> WorkDirectoryLock.acquire(work, build("here"), Duration.ZERO))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("pid " + holder.pid() + ", started ")
                    .hasMessageContaining("command 'mvn package'");
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock of its own
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isEqualTo(137);
        } finally {
            holder.destroyForcibly();
        }
        try (WorkDirectoryLock.Acquisition mine = WorkDirectoryLock.acquire(work, build("here"), Duration.ZERO)) {
            assertThat(mine.outcome()).isEqualTo(WorkDirectoryLock.Outcome.TAKEN_OVER);
            assertThat(mine.previousHolder())
                    .get()
                    .extracting(WorkDirectoryLock.Holder::pid)
                    .isEqualTo(holder.pid());
        }
    }

    /** The other process: takes the lock, says so, and holds it until killed. */
    public static final class HoldLock {
        public static void main(String[] args) throws InterruptedException {
            WorkDirectoryLock.acquire(Path.of(args[0]), build("other"), Duration.ZERO);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }

        private static WorkDirectoryLock.Holder build(String id) {
            return WorkDirectoryLock.Holder.current(id, "mvn package");
        }
    }
}
