package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.TestConfig;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generic or singular test as planned.
 *
 * @param name dbt's name of the test
 * @param file the file that defines it (a schema file for a generic test)
 * @param path where dbt writes its compiled SQL, under {@code compiled/<project>/} and {@code run/<project>/}:
 *     {@code models/schema.yml/not_null_orders_id.sql}, {@code tests/assert_positive.sql}
 * @param sql the compiled query of the failing rows
 * @param parents the models and seeds it reads: it runs once they are done
 * @param blocks the models whose dependants a failure skips
 * @param config severity, thresholds, tags
 * @param dependsOn the unique ids of what it reads, sources included (manifest.json)
 * @param rawCode the code dbt shows for it: a singular test's file, a generic test's macro call
 * @param generic the schema file's test of a generic test; null for a singular test
 * @param runTimeRender what renders it again when it runs, when its parse-time render read {@code execute} or
 *     used the database ({@code sql} is then the parse-time one); else null
 */
record PlannedTest(
        String uniqueId,
        String name,
        String file,
        String path,
        String sql,
        Set<String> parents,
        Set<String> blocks,
        TestConfig config,
        List<String> dependsOn,
        String rawCode,
        GenericTest generic,
        RunTimeRender runTimeRender) {

    /** A test's template and the variables it renders with (a generic test's arguments). */
    record RunTimeRender(String template, Map<String, Object> variables) {}

    PlannedTest {
        parents = Collections.unmodifiableSet(new LinkedHashSet<>(parents));
        blocks = Collections.unmodifiableSet(new LinkedHashSet<>(blocks));
        dependsOn = List.copyOf(dependsOn);
    }

    /** A generic test's kind ({@code unique}, ...: what {@code test_name:} selects), null for a singular one. */
    String kind() {
        return generic == null ? null : generic.kind();
    }
}
