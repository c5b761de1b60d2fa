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
 */
public record SinkSpec(Path workDirectory, Path warehouse, List<Table> tables, List<DestinationSpec> destinations) {

    public SinkSpec {
        tables = List.copyOf(tables);
        destinations = List.copyOf(destinations);
    }
}
