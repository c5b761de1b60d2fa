package dev.ecommerce.core.config;

/** How the BigQuery source reads rows. */
public enum ReadPath {
    /** The Storage Read API with Arrow record batches, straight into DuckDB (fast; the default). */
    STORAGE,
    /** REST paging of query results ({@code getQueryResults}/{@code tabledata.list}); slow, for fallbacks. */
    REST;

    /** Parses {@code <readPath>}; {@code null} means {@code storage}. */
    public static ReadPath parse(String raw) {
        return raw == null || raw.isBlank() ? STORAGE : Choices.parse(ReadPath.class, raw, Setting.READ_PATH.ref());
    }
}
