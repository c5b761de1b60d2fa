package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecommerce.core.config.WorkLayout;
import dev.ecommerce.core.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code report.html} in the work directory: one self-contained page about the last run, failures first, drawn
 * from what the goals wrote (the run manifest, the validation report, dbt's manifest and run results) and from the
 * last runs' summaries in {@code history.json}, which this brings up to date. A goal that did not run is a section
 * that is not there.
 */
public final class RunReport {

    /** Runs kept in {@code history.json}. */
    public static final int HISTORY_SIZE = 20;

    private RunReport() {}

    /**
     * Writes the report of the work directory's last run, atomically.
     *
     * @param goalFailure what made the goal that just ran fail, in words that hold no secret, or null
     * @return the report written
     */
    public static Path write(Path workDirectory, String goalFailure) {
        return write(workDirectory, goalFailure, HISTORY_SIZE);
    }

    static Path write(Path workDirectory, String goalFailure, int historySize) {
        WorkLayout layout = WorkLayout.of(workDirectory);
        ReportInputs inputs = ReportInputs.read(layout);
        List<Charts.Stage> stages = ReportPage.stages(inputs.run());
        List<RunHistory.Entry> history = inputs.runId().isEmpty()
                ? RunHistory.read(layout.history())
                : RunHistory.update(layout.history(), summary(inputs, stages), historySize);
        String html = new ReportPage(inputs, Failures.of(inputs, goalFailure), stages, history).html();
        Path report = layout.report();
        AtomicFiles.write(
                report,
                inputs.runId().isEmpty() ? UUID.randomUUID().toString() : inputs.runId(),
                temporary -> Files.writeString(temporary, html, StandardCharsets.UTF_8));
        return report;
    }

    /**
     * Copies the work directory's report into a folder (a site's), atomically, for a build tool's own reporting.
     *
     * @return the copy, or empty when no goal has written a report in the work directory yet
     */
    public static Optional<Path> copy(Path workDirectory, Path folder) {
        Path report = WorkLayout.of(workDirectory).report();
        if (!Files.isRegularFile(report)) {
            return Optional.empty();
        }
        Path copy = folder.resolve(report.getFileName());
        AtomicFiles.write(
                copy,
                UUID.randomUUID().toString(),
                temporary -> Files.copy(report, temporary, StandardCopyOption.REPLACE_EXISTING));
        return Optional.of(copy);
    }

    private static RunHistory.Entry summary(ReportInputs inputs, List<Charts.Stage> stages) {
        Map<String, Long> rows = ReportPage.ingestedRows(inputs.run());
        Map<String, Double> seconds = new LinkedHashMap<>();
        stages.forEach(s -> seconds.put(s.name(), s.seconds()));
        long rejected = 0;
        for (JsonNode table : inputs.run().path("validation").path("tables")) {
            rejected += table.path("rowsRejected").asLong();
        }
        long failed = 0;
        for (JsonNode result : inputs.runResults().path("results")) {
            String status = result.path("status").asText();
            if (status.equals("fail") || status.contains("error")) {
                failed++;
            }
        }
        Instant time = stages.stream()
                .map(Charts.Stage::finished)
                .max(Instant::compareTo)
                .orElseGet(Instant::now);
        return new RunHistory.Entry(inputs.runId(), time.toString(), rows, seconds, rejected, failed);
    }
}
