package dev.ecommerce.core.config;

/** Where ingest reads from. One implementation per source; adding a source adds one record. */
public sealed interface SourceSpec permits GeneratorSpec, BigQuerySpec {

    /** The short name used in configuration, logs and the run manifest. */
    String kind();
}
