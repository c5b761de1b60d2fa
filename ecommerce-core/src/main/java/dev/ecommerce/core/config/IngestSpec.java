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
 *     at least as long as a row can still change after it was created; null for each table's own bound
 *     ({@link Table#changesWithin()})
 */
public record IngestSpec(
        Path workDirectory,
        Path warehouse,
        List<Table> tables,
        SourceSpec source,
        DuckDbSettings duckDb,
        LoadMode mode,
        Duration lookback) {

    public IngestSpec {
        tables = List.copyOf(tables);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
        mode = mode == null ? LoadMode.FULL : mode;
        if (lookback != null && lookback.isNegative()) {
            throw new ConfigurationException(
                    Setting.LOOKBACK_DAYS.ref() + " must be 0 or more (got " + lookback.toDays() + ").");
        }
    }

    /** How far before the last load's newest row a table's window starts. */
    public Duration lookback(Table table) {
        return lookback != null ? lookback : table.changesWithin();
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
