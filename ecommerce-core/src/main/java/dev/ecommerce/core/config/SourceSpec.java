package dev.ecommerce.core.config;

import dev.ecommerce.core.schema.Table;
import java.util.List;
import java.util.Map;

/**
 * Where ingest reads from. One implementation per source; adding a source adds one record, which describes
 * itself, so that the pipeline never asks which source it has.
 */
public sealed interface SourceSpec permits GeneratorSpec, BigQuerySpec {

    /** The short name used in configuration, logs and the run manifest. */
    String kind();

    /** The source in a log line, e.g. "the thelook generator (seed 42, ...)". */
    String describe();

    /** The parameters the run manifest records, never a credential; {@code kind} first. */
    Map<String, Object> parameters();

    /**
     * What identifies the data this source gives a table, never a credential: tables with equal fingerprints
     * fit together (their keys match), tables with different ones must not be mixed in one warehouse.
     */
    Map<String, Object> fingerprint(Table table);

    /**
     * The fingerprint without the date the data is seen on: tables of the same world, loaded on different days,
     * can be brought up to date by an increment.
     */
    default Map<String, Object> world(Table table) {
        return fingerprint(table);
    }

    /** True when the run only estimates and stops before reading anything. */
    /**
     * True when the source gives the same rows for the same {@link #world world} every time (the generator), so
     * that reference data loaded before need not be read again.
     */
    default boolean reproducible() {
        return false;
    }

    default boolean dryRun() {
        return false;
    }

    /** Settings given for tables this run does not read, which would otherwise be ignored silently. */
    default List<String> unusedSettings(List<Table> tables) {
        return List.of();
    }
}
