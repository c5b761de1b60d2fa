package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Profile;
import java.util.Collections;
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
 * @param selected the names of the models, seeds and snapshots the selection selects, in declaration order
 * @param tests the tests the selection selects
 * @param allTests every enabled test, selected or not (manifest.json lists them all, as dbt's does)
 * @param dagSeconds the time spent building, ordering and selecting the DAG
 * @param graph every resource as node selection saw it, by unique id (checksums and configs for manifest.json)
 * @param selectedIds the unique ids of everything selected: nodes, tests, unit tests (and sources)
 * @param warnings what the selection warns of: arguments that match nothing, nothing to do
 */
record Plan(
        DbtProject dbt,
        Profile profile,
        Map<String, PlannedNode> nodes,
        List<String> order,
        Set<String> selected,
        List<PlannedTest> tests,
        List<PlannedTest> allTests,
        double dagSeconds,
        Map<String, Selectable> graph,
        Set<String> selectedIds,
        List<String> warnings) {

    /** Not copied (tens of thousands of entries): the planner hands over collections it no longer changes. */
    Plan {
        nodes = Collections.unmodifiableMap(nodes);
        order = Collections.unmodifiableList(order);
        selected = Collections.unmodifiableSet(selected);
        tests = Collections.unmodifiableList(tests);
        allTests = Collections.unmodifiableList(allTests);
        graph = Collections.unmodifiableMap(graph);
        selectedIds = Collections.unmodifiableSet(selectedIds);
        warnings = List.copyOf(warnings);
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
                selectedIds.stream()
                        .filter(id -> !id.startsWith(NodeKind.SOURCE.dbtName() + "."))
                        .count());
    }

    /** dbt's unique id of a planned model or seed. */
    String uniqueId(String name) {
        return nodes.get(name).uniqueId(dbt);
    }
}
