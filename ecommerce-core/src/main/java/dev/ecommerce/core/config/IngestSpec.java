package dev.ecommerce.core.config;

import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the ingest goal needs.
 *
 * @param workDirectory where goals keep their state ({@code target/ecommerce}); the manifest lives here
 * @param warehouse the DuckDB file
 * @param tables the tables to load, in order
 * @param source where rows come from
 * @param duckDb memory limit, threads and temp directory of the DuckDB databases; null for the defaults
 */
public record IngestSpec(
        Path workDirectory, Path warehouse, List<Table> tables, SourceSpec source, DuckDbSettings duckDb) {

    public IngestSpec {
        tables = List.copyOf(tables);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
    }

    /** With the default DuckDB settings. */
    public IngestSpec(Path workDirectory, Path warehouse, List<Table> tables, SourceSpec source) {
        this(workDirectory, warehouse, tables, source, null);
    }
}
