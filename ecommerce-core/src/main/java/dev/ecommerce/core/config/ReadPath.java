package dev.ecommerce.core.config;

/** How the BigQuery source reads rows. */
public enum ReadPath {
    /** The Storage Read API with Arrow record batches, straight into DuckDB (fast; the default). */
    STORAGE,
    /** REST paging of query results ({@code getQueryResults}/{@code tabledata.list}); slow, for fallbacks. */
    REST;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "storage";

    /** Parses {@code <readPath>}; {@code null} means {@code storage}. */
    public static ReadPath parse(String raw) {
        return Choices.parse(ReadPath.class, raw == null || raw.isBlank() ? DEFAULT : raw, Setting.READ_PATH.ref());
    }
}
