package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.artifacts.Artifacts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code target/compiled/} and {@code target/run/} SQL files, written on a thread of their own as the nodes
 * run: a large project has tens of thousands of them, and writing them while DuckDB works (on the other core)
 * takes them off the end of the run. What did not run gets its planned SQL in {@link #finish}.
 */
final class SqlFiles {

    private final Artifacts artifacts;
    private final Map<String, String> paths = new HashMap<>();
    private final Set<String> seeds = new HashSet<>();
    private final Set<String> compiled = new HashSet<>(); // touched by the run's thread only
    /** Two writers (file creation is mostly the kernel's time); a path always goes to the same one, in order. */
    private final List<ExecutorService> writers = List.of(writer(), writer());

    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();

    SqlFiles(Plan plan, Artifacts artifacts) {
        this.artifacts = artifacts;
        for (PlannedNode node : plan.nodes().values()) {
            String id = node.uniqueId(plan.dbt());
            paths.put(id, node.compiledPath());
            if (node.seed() != null) {
                seeds.add(id);
            }
        }
        plan.tests().forEach(test -> paths.put(test.uniqueId(), test.path()));
    }

    Artifacts artifacts() {
        return artifacts;
    }

    /** The SQL a node ran, for {@code compiled/} (a seed has none there). */
    void compiled(String id, String sql) {
        String path = paths.get(id);
        if (path != null && sql != null && !seeds.contains(id)) {
            compiled.add(id);
            submit(path, () -> artifacts.writeCompiled(path, sql));
        }
    }

    /** The statements a node ran, for {@code run/}. */
    void ran(String id, String sql) {
        String path = paths.get(id);
        if (path != null && sql != null) {
            submit("run/" + path, () -> artifacts.writeRun(path, sql));
        }
    }

    private static ExecutorService writer() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "dbt-artifacts");
            thread.setDaemon(true);
            return thread;
        });
    }

    private void submit(String path, Runnable write) {
        writers.get(Math.floorMod(path.hashCode(), writers.size())).execute(() -> {
            if (failure.get() != null) {
                return; // the first failure fails the run; the rest of the files are not written
            }
            try {
                write.run();
            } catch (Throwable e) { // an Error too: finish() must not report success with files missing
                if (!failure.compareAndSet(null, e)) {
                    failure.get().addSuppressed(e);
                }
            }
        });
    }

    /**
     * Writes the planned SQL of the models that did not run (selected out, skipped, ephemeral), then waits for
     * every file; throws the first write's failure.
     */
    void finish(Plan plan) {
        for (PlannedNode node : plan.nodes().values()) {
            String id = node.uniqueId(plan.dbt());
            if (!compiled.contains(id) && node.seed() == null && node.compiled() != null) {
                String path = node.compiledPath();
                String sql = node.compiled();
                submit(path, () -> artifacts.writeCompiled(path, sql));
            }
        }
        drain();
    }

    /** Waits for every file submitted so far; throws the first write's failure. */
    void drain() {
        writers.forEach(ExecutorService::shutdown);
        try {
            for (ExecutorService writer : writers) {
                while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a slow disk: keep waiting, the files must all be there before run_results.json
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing target/compiled and target/run", e);
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
