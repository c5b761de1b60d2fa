package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Profile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run of the embedded engine will do, as the {@link Planner} decided it.
 *
 * @param dbt the project as read
 * @param profile the target it runs on
 * @param nodes the enabled models, seeds and snapshots by name, in declaration order
 * @param order {@code dbt build}'s order of {@code nodes}: seeds, then models and snapshots, each after its
 *     parents
 * @param selected the names {@code --select} selects, in declaration order
 * @param tests the tests that run: on the selected nodes, or every one when nothing is selected
 * @param renderSeconds the time spent rendering so far (profile, project, macros, models, tests)
 * @param dagSeconds the time spent building, ordering and selecting the DAG
 */
record Plan(
        DbtProject dbt,
        Profile profile,
        Map<String, PlannedNode> nodes,
        List<String> order,
        Set<String> selected,
        List<PlannedTest> tests,
        double renderSeconds,
        double dagSeconds) {

    Plan {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        order = List.copyOf(order);
        selected = Collections.unmodifiableSet(new LinkedHashSet<>(selected));
        tests = List.copyOf(tests);
    }

    /** The run in one line: what the project has and what is selected, on which target. */
    String summary() {
        return String.format(
                Locale.ROOT,
                "dbt project %s: %d models, %d seeds, %d snapshots, %d tests, %d unit tests, %d sources; target %s"
                        + " (%s), %d selected",
                dbt.name(),
                dbt.models().size(),
                dbt.seeds().size(),
                dbt.snapshots().size(),
                tests.size(),
                dbt.unitTests().size(),
                dbt.sources().size(),
                profile.target(),
                profile.displayPath(),
                selected.size());
    }

    /** dbt's unique id of a planned model or seed. */
    String uniqueId(String name) {
        return nodes.get(name).uniqueId(dbt.name());
    }
}
