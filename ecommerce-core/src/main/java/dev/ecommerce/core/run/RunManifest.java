package dev.ecommerce.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.WorkLayout;
import dev.ecommerce.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code target/ecommerce/manifest.json}: what the last run did. Ingest starts a new manifest; validate,
 * sink and transform add their sections. It is always written last, atomically, and never holds a secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(
        int formatVersion, String runId, Ingest ingest, Validation validation, Sink sink, Transform transform) {

    public static final String FILE_NAME = WorkLayout.MANIFEST;
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The ingest step: source parameters (no secrets), warehouse, per-table counts and durations. */
    public record Ingest(
            String startedAt,
            String finishedAt,
            Map<String, Object> source,
            String warehouse,
            List<TableEntry> tables,
            Map<String, Long> estimatedBytes) {}

    /**
     * A table's load.
     *
     * @param rows the rows loaded: all of them, or the window's (a backfill: all its chunks')
     * @param mode {@code full}, {@code incremental}, {@code backfill} or {@code kept} (reference data unchanged since
     *     the last load)
     * @param window the window's column and bounds ({@code created_at from 2026-01-01T00:00:00Z}, a backfill's
     *     {@code created_at 2025-01-01T00:00:00Z .. 2025-04-01T00:00:00Z}), else null
     * @param inserted rows new to the table (by key)
     * @param updated rows whose values changed
     * @param deleted rows removed (a full load: every row it replaced)
     * @param cursor the newest value of the table's cursor column after the load, else null
     * @param chunks a backfill's chunks committed by this run, else null
     */
    public record TableEntry(
            String table,
            long rows,
            double seconds,
            String mode,
            String window,
            Long inserted,
            Long updated,
            Long deleted,
            String cursor,
            Integer chunks) {}

    /**
     * The validate step: the policy and, per table, rows checked and rejected, and the checks on whole tables.
     *
     * @param tableChecks every check on a whole table and its status (absent when none ran)
     */
    public record Validation(
            String startedAt,
            String finishedAt,
            String onInvalid,
            List<ValidationEntry> tables,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TableCheckEntry> tableChecks) {

        /** Without table checks. */
        public Validation(String startedAt, String finishedAt, String onInvalid, List<ValidationEntry> tables) {
            this(startedAt, finishedAt, onInvalid, tables, List.of());
        }
    }

    /**
     * One check on a whole table.
     *
     * @param check {@code freshness}, {@code volume}, {@code schema}, {@code primaryKey} or {@code foreignKey}
     * @param status {@code pass}, {@code warn} or {@code fail}
     * @param observed what it found, in words
     */
    public record TableCheckEntry(String check, String table, String subject, String status, String observed) {}

    /**
     * One table's validation.
     *
     * @param window the first {@code created_at} checked (ISO-8601), null when the whole table was
     * @param rowsValidatedBefore rows not checked because an earlier validation did
     */
    public record ValidationEntry(
            String table,
            String contract,
            long rowsChecked,
            long rowsRejected,
            String window,
            long rowsValidatedBefore) {}

    /**
     * The sink step: per-destination outcome, every file written, and the generation the local output folder
     * shows (absent when the run had no local destination or it failed).
     */
    public record Sink(
            String startedAt,
            String finishedAt,
            List<DestinationEntry> destinations,
            List<FileEntry> files,
            @JsonInclude(JsonInclude.Include.NON_NULL) Generation generation) {}

    /**
     * The published generation of the local output folder.
     *
     * @param name its folder name, also in its {@code _manifest.json}
     * @param folder where its files are, relative to the work folder
     */
    public record Generation(String name, String folder) {}

    public record DestinationEntry(String destination, String status, String error) {}

    public record FileEntry(
            String destination, String table, String format, String location, long bytes, String sha256) {}

    /**
     * The transform step.
     *
     * @param engine {@code embedded} or {@code dbt}
     * @param target the profile's target, or null for the profile's default (dbt CLI)
     * @param statuses how many nodes ended with each of dbt's statuses ({@code success}, {@code pass}, ...)
     * @param seconds wall-clock time of the transform
     * @param overheadSeconds the embedded engine's own time (parsing, rendering, DAG); null for the dbt CLI
     * @param querySeconds DuckDB's query time in the embedded engine; null for the dbt CLI
     * @param runResults dbt's {@code run_results.json} (a copy in the reports folder), relative to the work folder
     */
    public record Transform(
            String startedAt,
            String finishedAt,
            String engine,
            String target,
            Map<String, Long> statuses,
            double seconds,
            Double overheadSeconds,
            Double querySeconds,
            String runResults) {}

    /** A new run's manifest, started by ingest: the sections of the previous run are gone. */
    static RunManifest ofIngest(String runId, Ingest section) {
        return new RunManifest(FORMAT_VERSION, runId, section, null, null, null);
    }

    /** The work directory's manifest, or an empty one with a new run id when a goal runs on a fresh folder. */
    static RunManifest current(Path workDirectory) {
        return read(workDirectory)
                .orElseGet(
                        () -> new RunManifest(FORMAT_VERSION, UUID.randomUUID().toString(), null, null, null, null));
    }

    /** This manifest with another validation section. */
    RunManifest withValidation(Validation section) {
        return new RunManifest(formatVersion, runId, ingest, section, sink, transform);
    }

    /** This manifest with another sink section. */
    RunManifest withSink(Sink section) {
        return new RunManifest(formatVersion, runId, ingest, validation, section, transform);
    }

    /** This manifest with another transform section. */
    RunManifest withTransform(Transform section) {
        return new RunManifest(formatVersion, runId, ingest, validation, sink, section);
    }

    /** A path relative to the work directory when inside it, else absolute; portable separators. */
    static String relative(Path workDirectory, Path path) {
        Path base = workDirectory.toAbsolutePath().normalize();
        Path target = path.toAbsolutePath().normalize();
        Path shown = target.startsWith(base) ? base.relativize(target) : target;
        return shown.toString().replace('\\', '/');
    }

    /** Seconds as the manifest keeps them: to the millisecond. */
    static double seconds(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }

    public static Path path(Path workDirectory) {
        return WorkLayout.of(workDirectory).manifest();
    }

    /** Reads the manifest of a work directory, if there is a readable one. */
    public static Optional<RunManifest> read(Path workDirectory) {
        Path file = path(workDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunManifest.class));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the run manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the manifest atomically. */
    public void write(Path workDirectory) {
        AtomicFiles.write(path(workDirectory), runId, temporary -> JSON.writeValue(temporary.toFile(), this));
    }
}
