package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.graph.Dag;
import dev.ecommerce.core.transform.graph.NodeSelector;
import dev.ecommerce.core.transform.graph.PreviousState;
import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Model;
import dev.ecommerce.core.transform.project.Definitions.Snapshot;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.project.SnapshotConfig;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Plans a run of the embedded engine; nothing runs here. Renders every model with Jinjava (capturing refs,
 * sources and {@code config()} as dbt does at parse time), names every relation, drops disabled models,
 * orders the DAG, compiles, plans the tests, and selects ({@link NodeSelector}: {@code --select},
 * {@code --exclude}, {@code state:} against a previous manifest).
 */
final class Planner {

    private final LoadedProject project;

    Planner(LoadedProject project) {
        this.project = project;
    }

    /**
     * Selects what runs of a parsed project.
     *
     * @param parsed the project parsed ({@link #parse}), or the parse a run kept
     * @param select {@code --select}'s arguments; none selects everything
     * @param exclude {@code --exclude}'s arguments
     * @param state the previous run's manifest ({@code --state}), or null
     */
    Plan plan(Parsed parsed, List<String> select, List<String> exclude, PreviousState state) {
        long selectStart = System.nanoTime();
        NodeSelector.Result selection;
        if (select.isEmpty() && exclude.isEmpty() && state == null) { // everything: the graph is not waited for
            selection = NodeSelector.everything(
                    ResourceGraph.nonSourceIds(parsed.dbt(), parsed.nodes(), parsed.allTests()));
        } else {
            PreviousState compared = state == null
                    ? null
                    : state.against(ResourceGraph.macros(parsed.dbt(), parsed.nodes(), parsed.allTests()));
            selection = new NodeSelector(
                            parsed.graph().values(), parsed.dbt().name(), compared, Setting.TRANSFORM_STATE.ref())
                    .select(select, exclude, Setting.TRANSFORM_SELECT.ref(), Setting.TRANSFORM_EXCLUDE.ref());
        }
        Set<String> selected = new LinkedHashSet<>();
        parsed.nodes().values().stream()
                .filter(n -> selection.selected().contains(n.uniqueId(parsed.dbt())))
                .forEach(n -> selected.add(n.name()));
        List<PlannedTest> tests = parsed.allTests().stream()
                .filter(t -> selection.selected().contains(t.uniqueId()))
                .toList();
        double dagSeconds = (project.parsed() != null ? 0 : parsed.dagSeconds()) // the kept one is last run's
                + (System.nanoTime() - selectStart) / 1e9;
        return new Plan(
                parsed.dbt(),
                project.profile(),
                parsed.nodes(),
                parsed.order(),
                selected,
                tests,
                parsed.allTests(),
                dagSeconds,
                parsed.graph(),
                selection.selected(),
                java.util.stream.Stream.concat(parsed.warnings().stream(), selection.warnings().stream())
                        .toList());
    }

    /**
     * What parsing gives, before any selection: the project, its nodes rendered and compiled in {@code dbt
     * build}'s order, its tests, the graph node selection reads. {@link PartialParse} keeps it for the next run.
     *
     * @param dagSeconds the time building and ordering the DAG took
     * @param warnings what planning the tests warns of
     */
    record Parsed(
            DbtProject dbt,
            Map<String, PlannedNode> nodes,
            List<String> order,
            List<PlannedTest> allTests,
            Map<String, Selectable> graph,
            List<String> warnings,
            double dagSeconds) {}

    /** Renders, names, orders and compiles every node and plans every test. */
    Parsed parse() {
        Map<String, PlannedNode> rendered = renderEnabled();
        long dagStart = System.nanoTime();
        Dag dag = new Dag();
        rendered.values().forEach(n -> dag.add(n.name(), n.file(), n.config().tags(), n.refs()));
        List<String> order = dag.order();
        long dagNanos = System.nanoTime() - dagStart;
        Compiler compiler = new Compiler(rendered);
        Map<String, PlannedNode> nodes = new LinkedHashMap<>();
        rendered.forEach((name, node) -> nodes.put(
                name,
                node.rendered() == null ? node : node.withCompiled(compiler.compile(node.refs(), node.rendered()))));
        TestPlanner testPlanner = new TestPlanner(project, nodes, compiler);
        List<PlannedTest> allTests = testPlanner.tests();
        Map<String, Selectable> graph = ResourceGraph.later(project.dbt(), nodes, allTests);
        return new Parsed(
                project.dbt(),
                nodes,
                seedsFirst(order, nodes),
                allTests,
                graph,
                testPlanner.warnings(),
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
        project.dbt().snapshots().forEach(s -> declared.put(s.name(), () -> render(s, declared.keySet())));
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
        RenderCache cache = project.cache();
        PlannedNode kept = project.keptNodes().get(model.name());
        if (kept != null && model.equals(kept.model()) && declared.containsAll(kept.refs())) {
            cache.used(model.file()); // not edited since the kept parse: planned as it was (compiled again)
            return kept;
        }
        RenderCache.Entry entry = cache.lookup(model.file(), model.sql(), model.config());
        boolean runTime = false;
        if (entry != null && declared.containsAll(entry.refs())) {
            cache.used(model.file());
        } else { // not cached, or a ref to a deleted model: render (and fail)
            RenderScope scope = project.scope(
                    model.file(),
                    ref -> Compiler.mark(declared, model.file(), ref),
                    false,
                    () -> relation(model.file(), model.name(), model.config()));
            scope.parsing();
            int environmentCalls = project.renderer().callsReadingEnvironment();
            String rendered = project.renderer().render(scope, model.sql());
            entry = new RenderCache.Entry(rendered, scope.refsCalled(), scope.sourcesCalled(), scope.config());
            boolean readEnvironment = !scope.environmentRead().isEmpty()
                    || project.renderer().callsReadingEnvironment() != environmentCalls;
            runTime = scope.usesRunTime(); // rendered again when it runs: not kept
            cache.put(model.file(), model.sql(), model.config(), entry, readEnvironment || runTime);
        }
        NodeConfig config = model.config().with(NodeConfig.of(entry.config(), model.file() + " config()"));
        return new PlannedNode(
                model,
                null,
                config,
                relation(model.file(), model.name(), config),
                entry.refs(),
                entry.sources(),
                entry.rendered(),
                null,
                null,
                runTime);
    }

    /**
     * Renders a snapshot as a model is rendered; its configs are checked ({@link SnapshotConfig}) and its
     * relation is the legacy {@code target_schema} as given, else named as a model's.
     */
    private PlannedNode render(Snapshot snapshot, Set<String> declared) {
        RenderScope scope = project.scope(
                snapshot.file(),
                ref -> Compiler.mark(declared, snapshot.file(), ref),
                false,
                () -> snapshotRelation(snapshot.file(), snapshot.name(), snapshot.config()));
        scope.parsing();
        String rendered = project.renderer().render(scope, snapshot.sql());
        NodeConfig config = snapshot.config().with(NodeConfig.of(scope.config(), snapshot.file() + " config()"));
        String where = snapshot.file() + " (snapshot " + snapshot.name() + ")";
        SnapshotConfig snapshotConfig = SnapshotConfig.of(config, where);
        String database = project.profile().databaseName();
        if (snapshotConfig.targetDatabase() != null
                && !snapshotConfig.targetDatabase().equals(database)) {
            throw new ConfigurationException(where + ": target_database '" + snapshotConfig.targetDatabase()
                    + "' is not supported: the embedded engine writes snapshots into the target's database ("
                    + database + "). Remove target_database.");
        }
        return new PlannedNode(
                null,
                null,
                config,
                snapshotRelation(snapshot.file(), snapshot.name(), config),
                scope.refsCalled(),
                scope.sourcesCalled(),
                rendered,
                null,
                snapshot,
                scope.usesRunTime());
    }

    private RelationName snapshotRelation(String file, String name, NodeConfig config) {
        Object targetSchema = config.others().get("target_schema");
        RelationName relation = relation(file, name, config);
        return targetSchema == null ? relation : checked(file, String.valueOf(targetSchema), relation.identifier());
    }

    /**
     * The relation a seed or model builds: dbt's {@code generate_schema_name} and {@code generate_alias_name}
     * (a project's own macros when it has them, else dbt's defaults: {@code <target schema>_<custom>} and the
     * alias or name), in the target's database ({@code generate_database_name} must give the target's).
     */
    private RelationName relation(String file, String name, NodeConfig config) {
        Renderer renderer = project.renderer();
        String target = project.profile().schema();
        String custom = config.schema();
        String schema;
        String identifier;
        String schemaMacro = namingMacro(file, "generate_schema_name");
        String aliasMacro = namingMacro(file, "generate_alias_name");
        String databaseMacro = namingMacro(file, "generate_database_name");
        boolean naming = schemaMacro != null || aliasMacro != null;
        boolean database = config.database() != null || databaseMacro != null;
        Map<String, Object> node =
                naming || database ? macroNode(file, name, config) : null; // the common case: neither
        if (naming) {
            schema = renderer.call(
                    file, builtIn(schemaMacro, "generate_schema_name"), java.util.Arrays.asList(custom, node));
            identifier = renderer.call(
                    file, builtIn(aliasMacro, "generate_alias_name"), java.util.Arrays.asList(config.alias(), node));
        } else {
            schema = custom == null || custom.isBlank() ? target : target + "_" + custom.trim();
            identifier = config.alias() == null ? name : config.alias();
        }
        if (database) {
            String generated = renderer.call(
                    file,
                    builtIn(databaseMacro, "generate_database_name"),
                    java.util.Arrays.asList(config.database(), node));
            String targetDatabase = project.profile().databaseName();
            if (!generated.equals(targetDatabase)) {
                throw new ConfigurationException(file + ": the relation's database is '" + generated + "', not the"
                        + " target's (" + targetDatabase + "): the embedded engine builds in the target's database"
                        + " only. Remove the database config (or make generate_database_name return"
                        + " target.database).");
            }
        }
        return checked(file, schema, identifier);
    }

    /**
     * The naming macro dbt calls for a node of {@code file}'s package (core/dbt/parser/base.py): the package's
     * own {@code generate_x_name}, else the root project's; null when neither defines it (dbt's is used).
     */
    private String namingMacro(String file, String macro) {
        Renderer renderer = project.renderer();
        String pkg = project.dbt().packageOf(file);
        if (!pkg.equals(project.dbt().name()) && renderer.defines(pkg, macro)) {
            return pkg + "." + macro;
        }
        return renderer.defines(macro) ? macro : null;
    }

    /** {@code macro}, or dbt's own {@code dbt.<name>} when it is null (not a package's of that name). */
    private static String builtIn(String macro, String name) {
        return macro != null ? macro : "dbt." + name;
    }

    private static RelationName checked(String file, String schema, String identifier) {
        try {
            Sql.identifier(schema);
            Sql.identifier(identifier);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(file + ": the relation " + schema + "." + identifier
                    + " needs lower-case SQL names (letters, digits, _).");
        }
        return new RelationName(schema, identifier);
    }

    /** What the naming macros see as {@code node}: its name, type, file, fqn and config. */
    private Map<String, Object> macroNode(String file, String name, NodeConfig config) {
        String projectName = project.dbt().packageOf(file);
        boolean seed = file.endsWith(".csv");
        NodeKind kind = seed
                ? NodeKind.SEED
                : project.dbt().snapshots().stream().anyMatch(s -> s.name().equals(name))
                        ? NodeKind.SNAPSHOT
                        : NodeKind.MODEL;
        List<String> fqn = new ArrayList<>();
        fqn.add(projectName);
        String path = project.dbt().pathInPackage(file);
        String[] parts = path.split("/");
        for (int i = 1; i < parts.length - 1; i++) {
            fqn.add(parts[i]);
        }
        fqn.add(name);
        Map<String, Object> nodeConfig = new LinkedHashMap<>(config.others());
        nodeConfig.put("schema", config.schema());
        nodeConfig.put("alias", config.alias());
        nodeConfig.put("database", config.database());
        nodeConfig.put("tags", config.tags());
        nodeConfig.put(
                "materialized",
                kind != NodeKind.MODEL
                        ? kind.dbtName()
                        : config.materializedOr(Materialization.VIEW).dbtName());
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", name);
        node.put("resource_type", kind.dbtName());
        node.put("package_name", projectName);
        node.put("unique_id", kind.uniqueId(projectName, name));
        node.put("original_file_path", path);
        node.put("path", path.substring(path.indexOf('/') + 1));
        node.put("fqn", fqn);
        node.put("tags", config.tags());
        node.put("config", nodeConfig);
        return node;
    }

    /** {@code dbt build}'s order: every seed, then the models and snapshots, each after its parents. */
    private static List<String> seedsFirst(List<String> order, Map<String, PlannedNode> nodes) {
        List<String> seedsFirst = new ArrayList<>();
        order.stream().filter(n -> nodes.get(n).seed() != null).forEach(seedsFirst::add);
        order.stream().filter(n -> nodes.get(n).seed() == null).forEach(seedsFirst::add);
        return seedsFirst;
    }
}
