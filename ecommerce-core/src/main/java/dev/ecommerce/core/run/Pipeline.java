package dev.ecommerce.core.run;

import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.report.RunReport;
import dev.ecommerce.core.sink.OutputFile;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of the core: one method per goal, immutable specs in, results out. Each goal is a small class of
 * its own in this package ({@code IngestGoal}, {@code ValidateGoal}, {@code SinkGoal}, {@code TransformGoal}); after
 * each, failed or not, the run report ({@code report.html}) is brought up to date ({@code ReportStep}).
 */
public final class Pipeline {

    /** What ingest did. */
    public record IngestResult(String runId, List<TableSummary> tables, double seconds, boolean dryRun) {}

    /**
     * What validate did: per table, rows checked and rejected, constraints and examples; the checks on whole tables.
     */
    public record ValidateResult(
            String runId,
            List<ValidationReport.TableReport> tables,
            List<dev.ecommerce.core.contract.tablecheck.TableCheckResult> tableChecks,
            double seconds) {

        /** How many table checks found something and only warned. */
        public long tableChecksWarned() {
            return tableChecks.stream()
                    .filter(c -> c.status().equals(dev.ecommerce.core.contract.tablecheck.TableCheckResult.WARN))
                    .count();
        }
    }

    /** What sink did. */
    public record SinkResult(String runId, List<TableSummary> tables, List<OutputFile> files, double seconds) {}

    private Pipeline() {}

    /**
     * Reads the configured tables from the source into the warehouse. Every table is replaced only after
     * all its rows arrived; on failure the warehouse keeps its previous tables.
     */
    public static IngestResult ingest(IngestSpec spec, ProgressListener progress) {
        return ReportStep.around(spec.workDirectory(), "ingest", progress, () -> IngestGoal.run(spec, progress));
    }

    /**
     * Checks every row of the tables against its data contract, writes the JSON and JUnit XML reports, then
     * applies the {@code onInvalid} policy ({@link ValidationPolicy}).
     */
    public static ValidateResult validate(ValidateSpec spec, ProgressListener progress) {
        return ReportStep.around(spec.workDirectory(), "validate", progress, () -> ValidateGoal.run(spec, progress));
    }

    /**
     * Exports tables from the warehouse to every destination; the local output folder shows one run's complete
     * set of files, this one's or, when it failed, the previous one's.
     */
    public static SinkResult sink(SinkSpec spec, ProgressListener progress) {
        return ReportStep.around(spec.workDirectory(), "sink", progress, () -> SinkGoal.run(spec, progress));
    }

    /**
     * Builds the dbt project with the spec's engine (seeds, models, tests, unit tests) and throws a
     * {@link dev.ecommerce.core.DataException} naming every failed model or test and the skipped dependants.
     */
    public static TransformResult transform(TransformSpec spec, ProgressListener progress) {
        return ReportStep.around(spec.workDirectory(), "transform", progress, () -> TransformGoal.run(spec, progress));
    }

    /**
     * Copies the last run's {@code report.html} of a work directory into a folder (a site's), for a build tool's own
     * reporting; runs no goal.
     *
     * @return the copy, or empty when no goal has written a report in the work directory yet
     */
    public static Optional<Path> copyReport(Path workDirectory, Path folder) {
        return RunReport.copy(workDirectory, folder);
    }
}
