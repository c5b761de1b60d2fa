package dev.ecommerce.core.config;

import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the sink goal needs.
 *
 * @param workDirectory where goals keep their state; the manifest lives here
 * @param warehouse the DuckDB file written by ingest
 * @param tables the tables to export
 * @param destinations where they go
 * @param duckDb memory limit, threads and temp directory of the DuckDB databases; null for the defaults
 */
public record SinkSpec(
        Path workDirectory,
        Path warehouse,
        List<Table> tables,
        List<DestinationSpec> destinations,
        DuckDbSettings duckDb) {

    public SinkSpec {
        tables = List.copyOf(tables);
        destinations = List.copyOf(destinations);
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
    }

    /** With the default DuckDB settings. */
    public SinkSpec(Path workDirectory, Path warehouse, List<Table> tables, List<DestinationSpec> destinations) {
        this(workDirectory, warehouse, tables, destinations, null);
    }
}
