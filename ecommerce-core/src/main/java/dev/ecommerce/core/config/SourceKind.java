package dev.ecommerce.core.config;

/** The configured source. */
public enum SourceKind {
    /** The embedded, seeded thelook generator (no credentials, no network). */
    GENERATED,
    /** Google BigQuery, through the official client (Storage Read API or REST). */
    BIGQUERY;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "generated";

    /** Parses {@code <source>}; {@code null} means {@code generated}. */
    public static SourceKind parse(String raw) {
        return Choices.parse(SourceKind.class, raw == null || raw.isBlank() ? DEFAULT : raw, Setting.SOURCE.ref());
    }
}
