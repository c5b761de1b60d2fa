package dev.ecommerce.core.transform.artifacts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a node's run as {@code run_results.json}'s {@code timing} shows it: {@code compile} (the node's SQL
 * made ready) or {@code execute} (its statements run), with when it started and completed.
 *
 * @param name {@code compile} or {@code execute}
 */
public record Timing(String name, Instant startedAt, Instant completedAt) {

    /** The thread dbt runs {@code on-run-start} and {@code on-run-end} hooks on. */
    public static final String HOOK_THREAD = "main";

    /** The thread the nodes run on. */
    public static final String NODE_THREAD = "Thread-1";

    /** dbt's timestamps: ISO 8601 in UTC with microseconds and a {@code Z}. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The entry as dbt writes it: {@code {"name": ..., "started_at": ..., "completed_at": ...}}. */
    public Map<String, Object> json() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("started_at", ISO.format(startedAt));
        entry.put("completed_at", ISO.format(completedAt));
        return entry;
    }
}
