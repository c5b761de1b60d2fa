package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.graph.Dag;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.warehouse.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Plans a run of the embedded engine; nothing runs here. Renders every model with Jinjava (capturing refs,
 * sources and {@code config()} as dbt does at parse time), names every relation, drops disabled models,
 * orders the DAG, selects, compiles, and plans the tests on what is selected.
 */
final class Planner {

    private final LoadedProject project;

    Planner(LoadedProject project) {
        this.project = project;
    }

    /** @param selectors {@code --select}'s; none selects everything */
    Plan plan(List<String> selectors) {
        Map<String, PlannedNode> rendered = renderEnabled();
        long dagStart = System.nanoTime();
        Dag dag = new Dag();
        rendered.values().forEach(n -> dag.add(n.name(), n.file(), n.config().tags(), n.refs()));
        List<String> order = dag.order();
        Set<String> selected = dag.select(selectors);
        long dagNanos = System.nanoTime() - dagStart;
        Compiler compiler = new Compiler(rendered);
        Map<String, PlannedNode> nodes = new LinkedHashMap<>();
        rendered.forEach((name, node) -> nodes.put(
                name, node.model() == null ? node : node.withCompiled(compiler.compile(node.refs(), node.rendered()))));
        List<PlannedTest> tests = new TestPlanner(project, nodes, compiler).tests();
        long testsStart = System.nanoTime();
        if (!selectors.isEmpty()) { // a test runs when one of its parents is selected (dbt's eager mode)
            tests = tests.stream()
                    .filter(t -> t.parents().stream().anyMatch(selected::contains))
                    .toList();
        }
        dagNanos += System.nanoTime() - testsStart;
        return new Plan(
                project.dbt(),
                project.profile(),
                nodes,
                seedsFirst(order, nodes),
                selected,
                tests,
                project.renderer().seconds(),
                dagNanos / 1e9);
    }

    /** Every seed named and every model rendered, in declaration order; then the disabled ones dropped. */
    private Map<String, PlannedNode> renderEnabled() {
        // Seeds first; a model takes the place of a seed of its name.
        Map<String, Supplier<PlannedNode>> declared = new LinkedHashMap<>();
        project.dbt()
                .seeds()
                .forEach(s ->
                        declared.put(s.name(), () -> PlannedNode.ofSeed(s, relation(s.file(), s.name(), s.config()))));
        project.dbt().models().forEach(m -> declared.put(m.name(), () -> render(m, declared.keySet())));
        Map<String, PlannedNode> rendered = new LinkedHashMap<>();
        declared.forEach((name, node) -> rendered.put(name, node.get()));
        rendered.values().removeIf(n -> !n.config().isEnabled());
        for (PlannedNode node : rendered.values()) {
            for (String ref : node.refs()) {
                if (!rendered.containsKey(ref)) {
                    throw new ConfigurationException(node.file() + ": ref('" + ref + "') names a disabled model;"
                            + " enable it or remove the ref.");
                }
            }
        }
        return rendered;
    }

    /** Renders a model: its SQL with ref marks, its config with its own {@code config()}, its relation. */
    private PlannedNode render(Model model, Set<String> declared) {
        RenderScope scope = project.scope(
                model.file(),
                ref -> Compiler.mark(declared, model.file(), ref),
                false,
                () -> relation(model.file(), model.name(), model.config()));
        String rendered = project.renderer().render(scope, model.sql());
        NodeConfig config = model.config().with(NodeConfig.of(scope.config(), model.file() + " config()"));
        return new PlannedNode(
                model,
                null,
                config,
                relation(model.file(), model.name(), config),
                scope.refsCalled(),
                scope.sourcesCalled(),
                rendered,
                null);
    }

    /** dbt's default generate_schema_name and alias: {@code <target schema>_<custom>}, else the target schema. */
    private RelationName relation(String file, String name, NodeConfig config) {
        String custom = config.schema();
        String target = project.profile().schema();
        String schema = custom == null || custom.isBlank() ? target : target + "_" + custom.trim();
        String identifier = config.alias() == null ? name : config.alias();
        try {
            Sql.identifier(schema);
            Sql.identifier(identifier);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(file + ": the relation " + schema + "." + identifier
                    + " needs lower-case SQL names (letters, digits, _).");
        }
        return new RelationName(schema, identifier);
    }

    /** {@code dbt build}'s order: every seed, then the models, each after its parents. */
    private static List<String> seedsFirst(List<String> order, Map<String, PlannedNode> nodes) {
        List<String> seedsFirst = new ArrayList<>();
        order.stream().filter(n -> nodes.get(n).seed() != null).forEach(seedsFirst::add);
        order.stream().filter(n -> nodes.get(n).seed() == null).forEach(seedsFirst::add);
        return seedsFirst;
    }
}
