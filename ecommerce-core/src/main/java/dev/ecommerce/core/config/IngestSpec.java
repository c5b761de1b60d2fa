package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the ingest goal needs.
 *
 * @param workDirectory where goals keep their state ({@code target/ecommerce}); the manifest lives here
 * @param warehouse the DuckDB file
 * @param tables the tables to load, in order
 * @param source where rows come from
 * @param duckDb memory limit, threads and temp directory of the DuckDB databases; null for the defaults
 * @param mode full or incremental
 * @param lookback with {@link LoadMode#INCREMENTAL}: how far before the last load's newest row the window starts,
 *     at least as long as a row can still change after it was created
 */
public record IngestSpec(
        Path workDirectory,
        Path warehouse,
        List<Table> tables,
        SourceSpec source,
        DuckDbSettings duckDb,
        LoadMode mode,
        Duration lookback) {

    /** The default lookback: thelook's longest change after creation (stock sold up to 60 days after it arrived). */
    public static final int DEFAULT_LOOKBACK_DAYS = 60;

    public IngestSpec {
        tables = List.copyOf(tables);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
        mode = mode == null ? LoadMode.FULL : mode;
        lookback = lookback == null ? Duration.ofDays(DEFAULT_LOOKBACK_DAYS) : lookback;
        if (lookback.isNegative()) {
            throw new ConfigurationException(
                    Setting.LOOKBACK_DAYS.ref() + " must be 0 or more (got " + lookback.toDays() + ").");
        }
    }

    /** A full load. */
    public IngestSpec(
            Path workDirectory, Path warehouse, List<Table> tables, SourceSpec source, DuckDbSettings duckDb) {
        this(workDirectory, warehouse, tables, source, duckDb, LoadMode.FULL, null);
    }

    /** A full load with the default DuckDB settings. */
    public IngestSpec(Path workDirectory, Path warehouse, List<Table> tables, SourceSpec source) {
        this(workDirectory, warehouse, tables, source, null);
    }
}
