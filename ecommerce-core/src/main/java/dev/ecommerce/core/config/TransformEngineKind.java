package dev.ecommerce.core.config;

/** Which engine runs the dbt project. */
public enum TransformEngineKind {
    /** The engine inside the plugin: Jinjava + DuckDB, no Python. */
    EMBEDDED,
    /** The dbt CLI (dbt-core with dbt-duckdb), as one {@code dbt build} process. */
    DBT;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "embedded";

    /** Parses {@code embedded} or {@code dbt}; the error names the setting and the valid values. */
    public static TransformEngineKind parse(String raw, String setting) {
        return Choices.parse(TransformEngineKind.class, raw == null || raw.isBlank() ? DEFAULT : raw, setting);
    }
}
