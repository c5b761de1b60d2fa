package dev.ecommerce.core.transform;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.artifacts.Timing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** A run's outcome as its nodes finish: a result and a log line per node, their SQL, the faults underneath. */
final class RunRecorder {

    private final Consumer<String> log;
    private final SqlFiles sqlFiles;
    private final RunResultsAhead ahead;
    private final List<NodeResult> results = new ArrayList<>();
    private final Map<String, String> compiled = new LinkedHashMap<>();
    private final Map<String, String> ran = new LinkedHashMap<>();
    private final List<EcommerceException> faults = new ArrayList<>();
    private final Map<String, Instant> compileStarted = new HashMap<>();
    private final Map<String, Instant> executeStarted = new HashMap<>();
    private final Map<String, List<Timing>> timings = new HashMap<>();

    RunRecorder(Consumer<String> log, SqlFiles sqlFiles, RunResultsAhead ahead) {
        this.log = log;
        this.sqlFiles = sqlFiles;
        this.ahead = ahead;
    }

    void result(
            String id,
            NodeKind kind,
            String file,
            Status status,
            double seconds,
            Long failures,
            String message,
            long rows) {
        NodeResult result = new NodeResult(id, kind.dbtName(), file, status, seconds, failures, message, rows);
        results.add(result);
        finishTiming(id);
        ahead.finished(result, timings.getOrDefault(id, List.of()), compiled);
        log.accept(String.format(
                Locale.ROOT,
                "  %-7s %-10s %s (%.2f s)%s",
                status.dbtName().toUpperCase(Locale.ROOT),
                kind.dbtName(),
                result.name(),
                seconds,
                status == Status.SUCCESS || status == Status.PASS ? "" : ": " + firstLine(message)));
    }

    /** A node starts: its {@code compile} step begins (its SQL is made ready). */
    void compiling(String id) {
        compileStarted.put(id, Instant.now());
    }

    /** A node's {@code compile} step ends and its {@code execute} step begins. */
    void executing(String id) {
        executeStarted.put(id, Instant.now());
    }

    /** Closes a node's steps as its result comes: the compile step, and the execute step if it began. */
    private void finishTiming(String id) {
        Instant end = Instant.now();
        Instant compile = compileStarted.remove(id);
        Instant execute = executeStarted.remove(id);
        if (compile == null) {
            return; // skipped: dbt writes no timing
        }
        List<Timing> steps = new ArrayList<>();
        steps.add(new Timing("compile", compile, execute == null ? end : execute));
        if (execute != null) {
            steps.add(new Timing("execute", execute, end));
        }
        timings.put(id, steps);
    }

    /** The SQL a node ran. */
    void compiled(String id, String sql) {
        compiled.put(id, sql);
        sqlFiles.compiled(id, sql);
    }

    /** The statements a node ran, as dbt writes them under {@code target/run/}. */
    void ran(String id, String sql) {
        ran.put(id, sql);
        sqlFiles.ran(id, sql);
    }

    /** A fault underneath (not the data's, not the SQL's) that made a node error. */
    void fault(EcommerceException fault) {
        faults.add(fault);
    }

    RunOutcome outcome() {
        return new RunOutcome(results, compiled, ran, faults, timings);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }
}
