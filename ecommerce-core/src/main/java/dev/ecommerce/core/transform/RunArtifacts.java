package dev.ecommerce.core.transform;

import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.artifacts.Artifacts;
import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** dbt's artifacts of one run of the embedded engine: manifest.json, the compiled SQL, run_results.json. */
final class RunArtifacts {

    private RunArtifacts() {}

    /**
     * Writes the artifacts of a run under the project's target folder.
     *
     * @param elapsed the run's time until its database closed
     * @return the {@code run_results.json} written
     */
    static Path write(Plan plan, TransformSpec spec, RunOutcome outcome, double elapsed) {
        Artifacts artifacts = new Artifacts(
                plan.dbt().targetDirectory(),
                plan.dbt().name(),
                UUID.randomUUID().toString());
        artifacts.writeManifest(manifestNodes(plan, outcome), manifestSources(plan));
        for (PlannedNode node : plan.nodes().values()) {
            String compiled = outcome.compiled(node.uniqueId(plan.dbt().name()), node.compiled());
            if (compiled != null) {
                artifacts.writeCompiled(node.compiledPath(), compiled);
            }
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("which", "build");
        args.put("target", plan.profile().target());
        args.put("select", spec.select());
        args.put("vars", spec.vars());
        args.put("full_refresh", spec.fullRefresh());
        args.put("project_dir", spec.projectDirectory().toString());
        return artifacts.writeRunResults(
                outcome.results().stream()
                        .map(r -> new Artifacts.RunResult(
                                r.uniqueId(),
                                r.status().dbtName(),
                                r.seconds(),
                                r.failures(),
                                r.message(),
                                r.rowsAffected()))
                        .toList(),
                outcome.compiled(),
                elapsed,
                args);
    }

    private static List<Artifacts.ManifestNode> manifestNodes(Plan plan, RunOutcome outcome) {
        String project = plan.dbt().name();
        List<Artifacts.ManifestNode> result = new ArrayList<>();
        for (PlannedNode node : plan.nodes().values()) {
            List<String> dependsOn = new ArrayList<>();
            node.refs().forEach(r -> dependsOn.add(plan.uniqueId(r)));
            node.sources().forEach(s -> dependsOn.add(NodeKind.SOURCE.uniqueId(project, s)));
            result.add(new Artifacts.ManifestNode(
                    node.uniqueId(project),
                    node.kind().dbtName(),
                    node.name(),
                    node.file(),
                    node.materialization().dbtName(),
                    node.relation().schema(),
                    node.relation().identifier(),
                    node.config().tags(),
                    dependsOn,
                    node.rawCode(),
                    outcome.compiled(node.uniqueId(project), node.compiled()),
                    plan.graph().get(node.uniqueId(project))));
        }
        for (PlannedTest test : plan.tests()) {
            result.add(new Artifacts.ManifestNode(
                    test.uniqueId(),
                    NodeKind.TEST.dbtName(),
                    test.name(),
                    test.file(),
                    "test", // dbt's materialization of a test
                    null,
                    null,
                    List.of(),
                    test.dependsOn(),
                    null,
                    test.sql(),
                    plan.graph().get(test.uniqueId())));
        }
        for (Selectable test : plan.graph().values()) { // the tests not selected: in the manifest all the same
            if (test.resourceType().equals(NodeKind.TEST.dbtName())
                    && !plan.selectedIds().contains(test.uniqueId())) {
                result.add(new Artifacts.ManifestNode(
                        test.uniqueId(),
                        NodeKind.TEST.dbtName(),
                        test.name(),
                        test.file(),
                        "test",
                        null,
                        null,
                        List.of(),
                        List.copyOf(test.parents()),
                        null,
                        null,
                        test));
            }
        }
        for (UnitTest test : plan.dbt().unitTests()) {
            result.add(new Artifacts.ManifestNode(
                    NodeKind.UNIT_TEST.uniqueId(project, test.model() + "." + test.name()),
                    NodeKind.UNIT_TEST.dbtName(),
                    test.name(),
                    test.file(),
                    "unit", // dbt's materialization of a unit test
                    null,
                    null,
                    test.tags(),
                    List.of(NodeKind.MODEL.uniqueId(project, test.model())),
                    null,
                    null,
                    plan.graph().get(NodeKind.UNIT_TEST.uniqueId(project, test.model() + "." + test.name()))));
        }
        return result;
    }

    private static List<Artifacts.ManifestSource> manifestSources(Plan plan) {
        return plan.dbt().sources().values().stream()
                .map(s -> new Artifacts.ManifestSource(
                        NodeKind.SOURCE.uniqueId(plan.dbt().name(), s.key()),
                        s.sourceName(),
                        s.tableName(),
                        s.schema(),
                        s.identifier(),
                        s.file()))
                .toList();
    }
}
