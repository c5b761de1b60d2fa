package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a model or seed becomes a relation; {@link #dbtName()} is how configs and manifest.json say it. */
public enum Materialization {
    VIEW,
    TABLE,
    INCREMENTAL,
    /** Never built: inlined as a CTE into the models and tests that ref it. */
    EPHEMERAL,
    /** dbt-duckdb's: a Parquet file at the model's location, and a view over it. */
    EXTERNAL,
    /** A seed's own (a table loaded from its CSV file); no config can ask for it. */
    SEED,
    /** A snapshot's own (a table of row versions, merged into on every run); no config can ask for it. */
    SNAPSHOT;

    /** dbt's word: the name in lower case. */
    public String dbtName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The materialization a {@code materialized} config names; fails naming {@code where} on any other. */
    public static Materialization of(String name, String where) {
        return Arrays.stream(values())
                .filter(m -> m.isConfigurable() && m.dbtName().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(where + ": materialization '" + name
                        + "' is not supported by the embedded engine (supported: " + configurable() + ")."));
    }

    private boolean isConfigurable() {
        return this != SEED && this != SNAPSHOT;
    }

    private static String configurable() {
        return Arrays.stream(values())
                .filter(Materialization::isConfigurable)
                .map(Materialization::dbtName)
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
