package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.execute.TestSql;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RenderScope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the data tests on the planned models and seeds: the generic tests of the schema files (a disabled
 * model's are dropped with it) and the singular tests, rendered and compiled as models are.
 */
final class TestPlanner {

    private final LoadedProject project;
    private final Map<String, PlannedNode> nodes;
    private final Compiler compiler;
    private final String projectName;

    TestPlanner(LoadedProject project, Map<String, PlannedNode> nodes, Compiler compiler) {
        this.project = project;
        this.nodes = nodes;
        this.compiler = compiler;
        this.projectName = project.dbt().name();
    }

    /** Every enabled test: the generic ones, then the singular ones. */
    List<PlannedTest> tests() {
        List<PlannedTest> tests = new ArrayList<>();
        for (GenericTest test : project.dbt().genericTests()) {
            if (test.config().isEnabled() && !onDisabledModel(test)) {
                tests.add(generic(test));
            }
        }
        project.dbt().singularTests().forEach(test -> tests.add(singular(test)));
        return tests;
    }

    /** dbt disables the tests of a disabled model. */
    private boolean onDisabledModel(GenericTest test) {
        return test.parentKind() != ParentKind.SOURCE
                && !nodes.containsKey(test.parent())
                && project.dbt().models().stream().anyMatch(m -> m.name().equals(test.parent()));
    }

    private PlannedTest generic(GenericTest test) {
        String relation;
        Set<String> parents = new LinkedHashSet<>();
        List<String> dependsOn = new ArrayList<>();
        if (test.parentKind() == ParentKind.SOURCE) {
            String[] parts = test.parent().split("\\.", 2);
            relation = project.sourceRelation(test.file(), parts[0], parts[1]);
            dependsOn.add(NodeKind.SOURCE.uniqueId(projectName, test.parent()));
        } else {
            PlannedNode node = nodes.get(test.parent());
            if (node == null) {
                throw new ConfigurationException(test.file() + ": the test " + test.name() + " is on " + test.parent()
                        + ", which is no model or seed of this project.");
            }
            relation = node.relation().sql();
            parents.add(node.name());
            dependsOn.add(node.uniqueId(projectName));
        }
        String to = null;
        if (test.kind().equals("relationships")) {
            RenderScope scope = scope(test.file());
            to = compiler.resolve(
                    project.renderer().render(scope, "{{ " + test.arguments().get("to") + " }}"));
            for (String ref : scope.refsCalled()) {
                parents.add(ref);
                dependsOn.add(nodes.get(ref).uniqueId(projectName));
            }
        }
        return new PlannedTest(
                NodeKind.TEST.uniqueId(projectName, test.name()),
                test.name(),
                test.file(),
                TestSql.of(test, relation, to),
                parents,
                test.parentKind() == ParentKind.SOURCE ? Set.of() : Set.of(test.parent()),
                "warn".equals(test.config().severity()),
                dependsOn,
                test.kind(),
                test.config());
    }

    private PlannedTest singular(SingularTest test) {
        RenderScope scope = scope(test.file());
        String rendered = project.renderer().render(scope, test.sql());
        NodeConfig config = NodeConfig.of(scope.config(), test.file() + " config()");
        Set<String> parents = scope.refsCalled();
        List<String> dependsOn = new ArrayList<>();
        parents.forEach(p -> dependsOn.add(nodes.get(p).uniqueId(projectName)));
        scope.sourcesCalled().forEach(s -> dependsOn.add(NodeKind.SOURCE.uniqueId(projectName, s)));
        return new PlannedTest(
                NodeKind.TEST.uniqueId(projectName, test.name()),
                test.name(),
                test.file(),
                compiler.compile(parents, rendered),
                parents,
                parents,
                "warn".equals(config.severity()),
                dependsOn,
                null,
                config);
    }

    /** A test file's scope: refs and sources resolve as in models; no {@code this}. */
    private RenderScope scope(String file) {
        return project.scope(file, ref -> Compiler.mark(nodes.keySet(), file, ref), false, null);
    }
}
