package dev.ecommerce.core.config;

/** The configured source. */
public enum SourceKind {
    /** The embedded, seeded thelook generator (no credentials, no network). */
    GENERATED,
    /** Google BigQuery, through the official client (Storage Read API or REST). */
    BIGQUERY;

    /** Parses {@code <source>}; {@code null} means {@code generated}. */
    public static SourceKind parse(String raw) {
        return raw == null || raw.isBlank() ? GENERATED : Choices.parse(SourceKind.class, raw, Setting.SOURCE.ref());
    }
}
