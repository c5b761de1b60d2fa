package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.NodeConfig;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A generic or singular test as planned.
 *
 * @param sql the compiled query of the failing rows
 * @param parents the models and seeds it reads: it runs once they are done
 * @param blocks the models whose dependants a failure skips
 * @param warnOnly {@code severity: warn}: failing rows are a warning
 * @param dependsOn the unique ids of what it reads, sources included (manifest.json)
 * @param kind a generic test's kind ({@code unique}, ...: what {@code test_name:} selects), null for a singular one
 * @param config the configs the project sets on it
 */
record PlannedTest(
        String uniqueId,
        String name,
        String file,
        String sql,
        Set<String> parents,
        Set<String> blocks,
        boolean warnOnly,
        List<String> dependsOn,
        String kind,
        NodeConfig config) {

    PlannedTest {
        parents = Collections.unmodifiableSet(new LinkedHashSet<>(parents));
        blocks = Collections.unmodifiableSet(new LinkedHashSet<>(blocks));
        dependsOn = List.copyOf(dependsOn);
    }
}
