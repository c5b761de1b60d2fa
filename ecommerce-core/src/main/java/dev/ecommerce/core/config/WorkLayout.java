package dev.ecommerce.core.config;

import java.nio.file.Path;

/**
 * Every path under the work directory ({@code target/ecommerce} by default), decided in one place: move the
 * work directory and everything moves with it, unless a path is given explicitly.
 *
 * @param workDirectory where goals keep their state; the lock and {@code manifest.json} live here
 * @param warehouse the DuckDB warehouse file; {@code warehouse.duckdb} in the work directory unless overridden
 * @param outputDirectory the local destination's folder; {@code out/} in the work directory unless overridden
 */
public record WorkLayout(Path workDirectory, Path warehouse, Path outputDirectory) {

    public static final String WAREHOUSE = "warehouse.duckdb";
    public static final String OUT = "out";
    public static final String MANIFEST = "manifest.json";

    public WorkLayout {
        warehouse = warehouse == null ? workDirectory.resolve(WAREHOUSE) : warehouse;
        outputDirectory = outputDirectory == null ? workDirectory.resolve(OUT) : outputDirectory;
    }

    /** The layout of a work directory with no override. */
    public static WorkLayout of(Path workDirectory) {
        return new WorkLayout(workDirectory, null, null);
    }

    /** {@code reports/}: validation.json, JUnit XML, dbt's run_results.json and manifest.json. */
    public Path reports() {
        return workDirectory.resolve("reports");
    }

    /** {@code manifest.json}: what the last run did, a section per goal. */
    public Path manifest() {
        return workDirectory.resolve(MANIFEST);
    }

    /** {@code reports/validation.json}: the last validation, per table and constraint. */
    public Path validationReport() {
        return reports().resolve("validation.json");
    }

    /** {@code reports/run_results.json}: the copy of dbt's run results of the last transform. */
    public Path dbtRunResults() {
        return reports().resolve("run_results.json");
    }

    /** {@code reports/manifest.json}: the copy of dbt's manifest (the lineage) of the last transform. */
    public Path dbtManifest() {
        return reports().resolve("manifest.json");
    }

    /** {@code report.html}: the run report, one self-contained page. */
    public Path report() {
        return workDirectory.resolve("report.html");
    }

    /** {@code history.json}: the last runs' summaries the run report draws. */
    public Path history() {
        return workDirectory.resolve("history.json");
    }

    /** {@code staging/<name>}: files a destination or the transform prepares locally before they go elsewhere. */
    public Path staging(String name) {
        return workDirectory.resolve("staging").resolve(name);
    }

    /** {@code s3-local/}: the objects of the testkit's local S3 server, as files. */
    public Path localS3() {
        return workDirectory.resolve("s3-local");
    }

    /** {@code tmp/}: DuckDB's spill folder. */
    public Path tmp() {
        return workDirectory.resolve("tmp");
    }
}
