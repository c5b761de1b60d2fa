package dev.ecommerce.core.transform;

import java.util.Locale;

/** The kinds of dbt resource the embedded engine names: what it runs, and the sources it reads. */
enum NodeKind {
    SEED,
    MODEL,
    SNAPSHOT,
    TEST,
    UNIT_TEST,
    SOURCE,
    /** An {@code on-run-start} or {@code on-run-end} hook. */
    OPERATION;

    /** dbt's resource type (unique ids, manifest.json, run_results.json): the name in lower case. */
    String dbtName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** dbt's unique id of a resource of this kind: {@code <kind>.<project>.<name>}. */
    String uniqueId(String project, String name) {
        return dbtName() + "." + project + "." + name;
    }
}
