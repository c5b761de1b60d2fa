package dev.ecommerce.core.run;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs a goal and then brings the run report up to date, whether the goal succeeded or failed (a failing transform
 * gets its report too, then its exception goes on), unless the goal failed before there was a work directory.
 * Writing the report never fails the build: a fault is a warning.
 */
final class ReportStep {

    private ReportStep() {}

    static <T> T around(Path workDirectory, String goal, ProgressListener progress, Supplier<T> run) {
        T result;
        try {
            result = run.get();
        } catch (RuntimeException e) {
            write(workDirectory, failure(goal, e), progress);
            throw e;
        }
        write(workDirectory, null, progress);
        return result;
    }

    /**
     * A failure in words for the report. Only a data failure's message is shown (its first line: the report lists
     * the rows, contracts and nodes itself); other messages may quote what the build log's redactor would hide.
     */
    static String failure(String goal, RuntimeException e) {
        if (e instanceof DataException) {
            String message = e.getMessage() == null ? "" : e.getMessage().strip();
            return "The " + goal + " goal failed: "
                    + message.lines().findFirst().orElse("");
        }
        String kind = e instanceof EcommerceException ? e.getClass().getSimpleName() : "an unexpected error";
        return "The " + goal + " goal failed (" + kind + "): see the build log.";
    }

    private static void write(Path workDirectory, String failure, ProgressListener progress) {
        if (!Files.isDirectory(workDirectory)) {
            return; // the goal failed before it made the work directory: nothing to report, nothing to create
        }
        try {
            Path report = RunReport.write(workDirectory, failure);
            progress.on(new ProgressEvent.ReportWritten(report));
        } catch (RuntimeException e) {
            progress.on(new ProgressEvent.Warning("Could not write the run report: " + e.getMessage()));
        }
    }
}
