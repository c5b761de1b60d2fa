package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code history.json}: one summary per run, oldest first, at most a given number. A run's goals each bring its
 * summary up to date (same run id), so the history grows by one per run, not per goal.
 */
final class RunHistory {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A run's summary.
     *
     * @param runId the run manifest's id
     * @param time when the run's last goal finished (ISO-8601)
     * @param rows rows per table loaded by ingest
     * @param stages seconds per stage ({@code ingest}, {@code validate}, {@code sink}, {@code transform})
     * @param rejected rows that broke a contract
     * @param failedNodes dbt models that errored and tests that failed
     */
    record Entry(
            String runId,
            String time,
            Map<String, Long> rows,
            Map<String, Double> stages,
            long rejected,
            long failedNodes) {

        Entry {
            rows = rows == null ? Map.of() : rows;
            stages = stages == null ? Map.of() : stages;
        }
    }

    /** The file's summary document. */
    record Document(int formatVersion, List<Entry> runs) {}

    private RunHistory() {}

    /** The history of a file; empty when there is none or it cannot be read (it is rebuilt from now on). */
    static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Document document = JSON.readValue(file.toFile(), Document.class);
            return document.runs() == null ? List.of() : List.copyOf(document.runs());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The history with this run's summary in place of its older one, or appended; the oldest dropped past {@code size}. */
    static List<Entry> with(List<Entry> history, Entry entry, int size) {
        List<Entry> runs = new ArrayList<>(history);
        runs.removeIf(r -> r.runId().equals(entry.runId()));
        runs.add(entry);
        return List.copyOf(runs.subList(Math.max(0, runs.size() - size), runs.size()));
    }

    /** Reads the file, puts the run's summary in and writes it back atomically; returns the new history. */
    static List<Entry> update(Path file, Entry entry, int size) {
        List<Entry> runs = with(read(file), entry, size);
        AtomicFiles.write(file, entry.runId(), temporary -> JSON.writeValue(temporary.toFile(), new Document(1, runs)));
        return runs;
    }
}
