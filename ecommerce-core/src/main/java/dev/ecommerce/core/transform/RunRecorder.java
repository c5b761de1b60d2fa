package dev.ecommerce.core.transform;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.transform.NodeResult.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** A run's outcome as its nodes finish: a result and a log line per node, their SQL, the faults underneath. */
final class RunRecorder {

    private final Consumer<String> log;
    private final SqlFiles sqlFiles;
    private final List<NodeResult> results = new ArrayList<>();
    private final Map<String, String> compiled = new LinkedHashMap<>();
    private final Map<String, String> ran = new LinkedHashMap<>();
    private final List<EcommerceException> faults = new ArrayList<>();

    RunRecorder(Consumer<String> log, SqlFiles sqlFiles) {
        this.log = log;
        this.sqlFiles = sqlFiles;
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
        log.accept(String.format(
                Locale.ROOT,
                "  %-7s %-10s %s (%.2f s)%s",
                status.dbtName().toUpperCase(Locale.ROOT),
                kind.dbtName(),
                result.name(),
                seconds,
                status == Status.SUCCESS || status == Status.PASS ? "" : ": " + firstLine(message)));
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
        return new RunOutcome(results, compiled, ran, faults);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }
}
