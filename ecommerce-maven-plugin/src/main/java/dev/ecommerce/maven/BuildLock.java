package dev.ecommerce.maven;

import dev.ecommerce.core.run.WorkDirectoryLock;
import java.io.File;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;

/**
 * The Maven side of {@link WorkDirectoryLock}: one build (one {@link MavenSession}) owns the work directory
 * from its first ecommerce goal to its end. The lock is released when the session ends (Maven fires
 * {@code SessionEnded} on the request's execution listener, which the first goal chains into) and, failing
 * that, when the JVM exits, since the operating system drops the lock with the process.
 */
final class BuildLock {

    private BuildLock() {}

    /** What a goal closes at its end. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes or re-enters the lock of {@code workDirectory} for this build and logs what happened. Returns what
     * the goal must close at its end: nothing when the session releases the lock, the lock itself when there
     * is no session to end (a goal run outside a Maven build, as in the harness tests).
     */
    static Held hold(MavenSession session, File workDirectory, int waitSeconds, Consumer<String> info) {
        MavenExecutionRequest request = session == null ? null : session.getRequest();
        String buildId = request == null
                ? "jvm-" + ProcessHandle.current().pid()
                : request.getStartTime().getTime() + "-" + System.identityHashCode(request);
        String command = "mvn" + (request == null ? "" : " " + String.join(" ", request.getGoals()));
        WorkDirectoryLock.Acquisition lock = WorkDirectoryLock.acquire(
                workDirectory.toPath(),
                WorkDirectoryLock.Holder.current(buildId, command),
                Duration.ofSeconds(Math.max(0, waitSeconds)));
        switch (lock.outcome()) {
            case TAKEN_OVER ->
                info.accept("Took over the lock of " + workDirectory + " left by a build that is gone ("
                        + lock.previousHolder()
                                .map(h -> "pid " + h.pid() + ", started " + h.startedAt())
                                .orElse("")
                        + ")");
            case WAITED -> info.accept("Waited for another build to release " + workDirectory);
            default -> {}
        }
        if (request == null) {
            return lock::close;
        }
        if (lock.outcome() != WorkDirectoryLock.Outcome.ALREADY_HELD) {
            releaseAtSessionEnd(request, buildId);
        }
        return () -> {};
    }

    private static synchronized void releaseAtSessionEnd(MavenExecutionRequest request, String buildId) {
        ExecutionListener current = request.getExecutionListener();
        if (current instanceof ReleasingListener releasing && releasing.buildId.equals(buildId)) {
            return;
        }
        request.setExecutionListener(new ReleasingListener(current, buildId));
    }

    /** Passes every event on to Maven's own listener and releases the build's locks when the session ends. */
    private static final class ReleasingListener extends AbstractExecutionListener {
        private final ExecutionListener delegate;
        private final String buildId;

        ReleasingListener(ExecutionListener delegate, String buildId) {
            this.delegate = delegate == null ? new AbstractExecutionListener() : delegate;
            this.buildId = buildId;
        }

        @Override
        public void sessionEnded(ExecutionEvent event) {
            try {
                delegate.sessionEnded(event);
            } finally {
                WorkDirectoryLock.releaseAll(buildId);
            }
        }

        @Override
        public void projectDiscoveryStarted(ExecutionEvent event) {
            delegate.projectDiscoveryStarted(event);
        }

        @Override
        public void sessionStarted(ExecutionEvent event) {
            delegate.sessionStarted(event);
        }

        @Override
        public void projectSkipped(ExecutionEvent event) {
            delegate.projectSkipped(event);
        }

        @Override
        public void projectStarted(ExecutionEvent event) {
            delegate.projectStarted(event);
        }

        @Override
        public void projectSucceeded(ExecutionEvent event) {
            delegate.projectSucceeded(event);
        }

        @Override
        public void projectFailed(ExecutionEvent event) {
            delegate.projectFailed(event);
        }

        @Override
        public void forkStarted(ExecutionEvent event) {
            delegate.forkStarted(event);
        }

        @Override
        public void forkSucceeded(ExecutionEvent event) {
            delegate.forkSucceeded(event);
        }

        @Override
        public void forkFailed(ExecutionEvent event) {
            delegate.forkFailed(event);
        }

        @Override
        public void mojoSkipped(ExecutionEvent event) {
            delegate.mojoSkipped(event);
        }

        @Override
        public void mojoStarted(ExecutionEvent event) {
            delegate.mojoStarted(event);
        }

        @Override
        public void mojoSucceeded(ExecutionEvent event) {
            delegate.mojoSucceeded(event);
        }

        @Override
        public void mojoFailed(ExecutionEvent event) {
            delegate.mojoFailed(event);
        }

        @Override
        public void forkedProjectStarted(ExecutionEvent event) {
            delegate.forkedProjectStarted(event);
        }

        @Override
        public void forkedProjectSucceeded(ExecutionEvent event) {
            delegate.forkedProjectSucceeded(event);
        }

        @Override
        public void forkedProjectFailed(ExecutionEvent event) {
            delegate.forkedProjectFailed(event);
        }
    }
}
