package dev.ecommerce.testkit.bigquery;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fault injection for {@link LocalBigQuery}. Each call arms a fault for the next {@code times} matching
 * requests; faults that match the same request fire in the order they were armed. Thread-safe: arm faults
 * from a test while clients run.
 *
 * <pre>{@code
 * server.faults().failNext(RestMethod.JOBS_QUERY, 2, RestError.backendError());
 * server.faults().breakReadRows(1, 1_000, Status.Code.UNAVAILABLE, "Connection closed with unknown cause");
 * }</pre>
 */
public final class Faults {

    /** What happens to a REST request. */
    sealed interface RestAction permits Fail, Drop, Stall {
        String describe();
    }

    /** Answer with an error instead of the result. */
    record Fail(RestError error) implements RestAction {
        @Override
        public String describe() {
            return "error " + error.status() + " " + error.reason();
        }
    }

    /** Close the connection without a response. */
    record Drop() implements RestAction {
        @Override
        public String describe() {
            return "dropped";
        }
    }

    /** Send the headers and half of the body, then hang for {@code duration}, or until released if it is null. */
    record Stall(Duration duration) implements RestAction {
        @Override
        public String describe() {
            return "stalled";
        }
    }

    /** A ReadRows call that sends {@code afterRows} rows and then fails. */
    record Break(long afterRows, Status status) {}

    private static final class Armed {
        final Object target; // a RestMethod, a ReadRpc, or null for "any REST method"
        final Object action; // RestAction, Status or Break
        int remaining;

        Armed(Object target, Object action, int remaining) {
            this.target = target;
            this.action = action;
            this.remaining = remaining;
        }
    }

    /** A stalled response hanging now; closed when it is sent or given up. */
    final class Hold implements AutoCloseable {
        private final Stall stall;
        private final CountDownLatch release = new CountDownLatch(1);

        private Hold(Stall stall) {
            this.stall = stall;
        }

        /** Hangs for the stall's duration, or until {@link #releaseStalls()} when it has none. */
        void await() throws InterruptedException {
            if (stall.duration() == null) {
                release.await();
            } else {
                release.await(stall.duration().toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void close() {
            synchronized (Faults.this) {
                holds.remove(this);
            }
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final Set<Hold> holds = new HashSet<>();

    Faults() {}

    /** The next {@code times} calls of {@code method} fail with {@code error} (HTTP status and reason). */
    public Faults failNext(RestMethod method, int times, RestError error) {
        return arm(Objects.requireNonNull(method, "method"), new Fail(Objects.requireNonNull(error, "error")), times);
    }

    /** The next {@code times} REST calls, of any method, get their connection closed without a response. */
    public Faults dropConnections(int times) {
        return arm(null, new Drop(), times);
    }

    /** The next {@code times} calls of {@code method} get their connection closed without a response. */
    public Faults dropConnections(RestMethod method, int times) {
        return arm(Objects.requireNonNull(method, "method"), new Drop(), times);
    }

    /**
     * The next {@code times} calls of {@code method} send the status line, the headers (with the full
     * Content-Length) and half of the body, then hang for {@code stall} before sending the rest (a client
     * with a shorter read timeout gives up first).
     */
    public Faults stallResponses(RestMethod method, int times, Duration stall) {
        Objects.requireNonNull(stall, "stall");
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("A stall lasts longer than zero, got " + stall);
        }
        return arm(Objects.requireNonNull(method, "method"), new Stall(stall), times);
    }

    /**
     * The next {@code times} calls of {@code method} send the status line, the headers (with the full
     * Content-Length) and half of the body, then hang until {@link #releaseStalls()}, {@link #clear()} or the
     * server stops: a client gives up on its own read timeout, however slow the machine, and a test can tell
     * by {@link #stalledResponses()} that the server was still holding the answer then.
     */
    public Faults stallResponses(RestMethod method, int times) {
        return arm(Objects.requireNonNull(method, "method"), new Stall(null), times);
    }

    /** Sends the rest of every stalled response hanging now. */
    public synchronized void releaseStalls() {
        holds.forEach(hold -> hold.release.countDown());
        holds.clear();
    }

    /** How many stalled responses hang now (counted from before their first byte is sent). */
    public synchronized int stalledResponses() {
        return holds.size();
    }

    /** The next {@code times} calls of {@code rpc} fail at once with {@code code} and {@code description}. */
    public Faults failNext(ReadRpc rpc, int times, Status.Code code, String description) {
        return arm(Objects.requireNonNull(rpc, "rpc"), status(code, description), times);
    }

    /**
     * The next {@code times} ReadRows calls send {@code afterRows} rows (counted from the call's offset), then
     * fail with {@code code} and {@code description}, e.g. {@code UNAVAILABLE} (the client resumes by itself)
     * or {@code INTERNAL "stream removed"} (it does not; resume with {@code offset}). A call with fewer rows
     * left ends normally.
     */
    public Faults breakReadRows(int times, long afterRows, Status.Code code, String description) {
        if (afterRows < 0) {
            throw new IllegalArgumentException("afterRows must be 0 or more, got " + afterRows);
        }
        return arm(ReadRpc.READ_ROWS, new Break(afterRows, status(code, description)), times);
    }

    /** Disarms every fault and releases the stalled responses. */
    public synchronized void clear() {
        armed.clear();
        releaseStalls();
    }

    /** How many armed fault firings are left. */
    public synchronized int pending() {
        return armed.stream().mapToInt(a -> a.remaining).sum();
    }

    private static Status status(Status.Code code, String description) {
        Objects.requireNonNull(code, "code");
        if (code == Status.Code.OK) {
            throw new IllegalArgumentException("A fault needs an error status, not OK");
        }
        return Status.fromCode(code).withDescription(description);
    }

    private synchronized Faults arm(Object target, Object action, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        armed.add(new Armed(target, action, times));
        return this;
    }

    /** Counts a stalled response as hanging until the returned hold is closed. */
    synchronized Hold hold(Stall stall) {
        Hold hold = new Hold(stall);
        holds.add(hold);
        return hold;
    }

    /** Takes the first armed fault for a REST call, if any. */
    synchronized Optional<RestAction> takeRest(RestMethod method) {
        return take(a -> a.action instanceof RestAction && (a.target == null || a.target == method))
                .map(RestAction.class::cast);
    }

    /** Takes the first armed immediate failure for an RPC, if any. */
    synchronized Optional<Status> takeRpcFailure(ReadRpc rpc) {
        return take(a -> a.action instanceof Status && a.target == rpc).map(Status.class::cast);
    }

    /** Takes the first armed ReadRows break, if any. */
    synchronized Optional<Break> takeReadRowsBreak() {
        return take(a -> a.action instanceof Break).map(Break.class::cast);
    }

    private Optional<Object> take(java.util.function.Predicate<Armed> matches) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (matches.test(a)) {
                if (--a.remaining == 0) {
                    it.remove();
                }
                return Optional.of(a.action);
            }
        }
        return Optional.empty();
    }
}
