package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * @param increments per table, how it is loaded a part at a time where it differs from thelook's defaults
 *     ({@link Increment#of})
 * @param backfill with a range, the rows created in it loaded in resumable chunks instead; null for none
 */
public record IngestSpec(
        Path workDirectory,
        Path warehouse,
        List<Table> tables,
        SourceSpec source,
        DuckDbSettings duckDb,
        LoadMode mode,
        Duration lookback,
        Map<Table, Increment> increments,
        Backfill backfill) {

    public IngestSpec {
        tables = List.copyOf(tables);
        increments = increments == null ? Map.of() : Map.copyOf(increments);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
        mode = mode == null ? LoadMode.FULL : mode;
        if (lookback != null && lookback.isNegative()) {
            throw new ConfigurationException(
                    Setting.LOOKBACK_DAYS.ref() + " must be 0 or more (got " + lookback.toDays() + ").");
        }
    }

    /** An incremental or full load without per-table declarations or backfill. */
    public IngestSpec(
            Path workDirectory,
            Path warehouse,
            List<Table> tables,
            SourceSpec source,
            DuckDbSettings duckDb,
            LoadMode mode,
            Duration lookback) {
        this(workDirectory, warehouse, tables, source, duckDb, mode, lookback, null, null);
    }

    /**
     * How a table is loaded a part at a time (its declaration, else thelook's default, with {@code lookback} when
     * one is set for all), or null for a table always loaded whole.
     */
    public Increment increment(Table table) {
        Increment increment = increments.containsKey(table) ? increments.get(table) : Increment.of(table);
        if (increment == null || increment.windowColumn() == null) {
            return null;
        }
        return lookback == null ? increment : increment.withLookback(lookback);
    }

    /** This spec with another mode and backfill (a backfill's chunks, then an increment). */
    public IngestSpec with(LoadMode mode, Backfill backfill) {
        return new IngestSpec(workDirectory, warehouse, tables, source, duckDb, mode, lookback, increments, backfill);
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
