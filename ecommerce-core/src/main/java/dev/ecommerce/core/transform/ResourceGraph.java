package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.graph.Checksum;
import dev.ecommerce.core.transform.graph.MacroGraph;
import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.project.TestConfig;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Every resource of a planned project as node selection sees it ({@link Selectable}): the enabled models,
 * seeds and snapshots, the tests, the unit tests and the sources, with dbt's effective configs, fully qualified names and
 * checksums (which {@code manifest.json} shows too).
 */
final class ResourceGraph {

    private ResourceGraph() {}

    /** The resources by unique id, in dbt build's declaration order: nodes, tests, unit tests, sources. */
    static Map<String, Selectable> of(DbtProject dbt, Map<String, PlannedNode> nodes, List<PlannedTest> tests) {
        Map<String, Selectable> graph = new LinkedHashMap<>();
        for (PlannedNode node : nodes.values()) {
            Set<String> parents = new LinkedHashSet<>();
            node.refs().forEach(r -> parents.add(nodes.get(r).uniqueId(dbt)));
            node.sources().forEach(s -> parents.add(NodeKind.SOURCE.uniqueId(dbt.sourcePackage(s), s)));
            Checksum checksum = node.seed() != null
                    ? Checksum.ofSeed(node.seed().path(), node.file())
                    : Checksum.ofContents(node.rawCode()); // a snapshot's: its block's, not its file's
            put(
                    graph,
                    new Selectable(
                            node.uniqueId(dbt),
                            node.kind().dbtName(),
                            node.name(),
                            fqn(dbt, node.file(), node.name()),
                            node.file(),
                            dbt.packageOf(node.file()),
                            node.config().tags(),
                            effective(
                                    node.config().asMap(),
                                    node.materialization().dbtName()),
                            node.config().asMap(),
                            null,
                            null,
                            parents,
                            checksum));
        }
        Map<String, String> singularSql = new LinkedHashMap<>();
        dbt.singularTests().forEach(t -> singularSql.put(t.name(), t.sql()));
        for (PlannedTest test : tests) {
            boolean generic = test.kind() != null;
            put(
                    graph,
                    new Selectable(
                            test.uniqueId(),
                            NodeKind.TEST.dbtName(),
                            test.name(),
                            fqn(dbt, test.file(), test.name()),
                            test.file(),
                            dbt.packageOf(test.file()),
                            test.config().tags(),
                            effective(test.config().asMap(), "test"),
                            unrendered(test),
                            test.kind(),
                            null,
                            new LinkedHashSet<>(test.dependsOn()),
                            generic ? Checksum.NONE : Checksum.ofContents(singularSql.getOrDefault(test.name(), ""))));
        }
        for (UnitTest test : dbt.unitTests()) {
            if (!nodes.containsKey(test.model())) {
                continue; // a disabled model's
            }
            put(
                    graph,
                    new Selectable(
                            unitTestId(dbt, test),
                            NodeKind.UNIT_TEST.dbtName(),
                            test.name(),
                            fqn(dbt, test.file(), test.model(), test.name()),
                            test.file(),
                            dbt.packageOf(test.file()),
                            List.of(),
                            Map.of("enabled", true),
                            Map.of(),
                            null,
                            null,
                            Set.of(nodes.get(test.model()).uniqueId(dbt)),
                            Checksum.ofContents(test.toString())));
        }
        for (Source source : dbt.sources().values()) {
            put(
                    graph,
                    new Selectable(
                            NodeKind.SOURCE.uniqueId(dbt.packageOf(source.file()), source.key()),
                            NodeKind.SOURCE.dbtName(),
                            source.tableName(),
                            fqn(dbt, source.file(), source.sourceName(), source.tableName()),
                            source.file(),
                            dbt.packageOf(source.file()),
                            List.of(),
                            Map.of("enabled", true),
                            Map.of(),
                            null,
                            source.sourceName(),
                            Set.of(),
                            Checksum.NONE));
        }
        return graph;
    }

    /**
     * The unique ids of every resource but the sources, in the graph's order: what selecting everything selects,
     * known without building the graph ({@link #later}).
     */
    static Set<String> nonSourceIds(DbtProject dbt, Map<String, PlannedNode> nodes, List<PlannedTest> tests) {
        Set<String> ids = new LinkedHashSet<>();
        nodes.values().forEach(node -> ids.add(node.uniqueId(dbt)));
        tests.forEach(test -> ids.add(test.uniqueId()));
        dbt.unitTests().stream()
                .filter(test -> nodes.containsKey(test.model()))
                .forEach(test -> ids.add(unitTestId(dbt, test)));
        return ids;
    }

    private static String unitTestId(DbtProject dbt, UnitTest test) {
        return NodeKind.UNIT_TEST.uniqueId(dbt.packageOf(test.file()), test.model() + "." + test.name());
    }

    /**
     * The graph ({@link #of}) as a map built when it is first read, by the thread that reads it (others wait).
     * Selecting everything does not read it: the first node runs before it is built (checksums and configs of
     * 20,000 resources take a tenth of a second in a fresh JVM), and manifest.json's writer, beside the run,
     * builds it.
     */
    static Map<String, Selectable> later(DbtProject dbt, Map<String, PlannedNode> nodes, List<PlannedTest> tests) {
        return new Later(new FutureTask<>(() -> of(dbt, nodes, tests)));
    }

    /** A map that is the graph, built on first read; a failure to build it is thrown where it is read. */
    private static final class Later extends AbstractMap<String, Selectable> {
        private final FutureTask<Map<String, Selectable>> building;

        Later(FutureTask<Map<String, Selectable>> building) {
            this.building = building;
        }

        private Map<String, Selectable> graph() {
            building.run(); // builds it, unless it is built or being built
            try {
                return building.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the resource graph was built", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public Set<Entry<String, Selectable>> entrySet() {
            return graph().entrySet();
        }

        @Override
        public Selectable get(Object key) {
            return graph().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return graph().containsKey(key);
        }

        @Override
        public int size() {
            return graph().size();
        }

        @Override
        public Set<String> keySet() {
            return graph().keySet();
        }

        @Override
        public Collection<Selectable> values() {
            return graph().values();
        }
    }

    /** dbt's fqn of a resource of {@code file}: its package, the folders under its resource folder, the names. */
    private static List<String> fqn(DbtProject dbt, String file, String... names) {
        return Selectable.fqn(dbt.packageOf(file), dbt.pathInPackage(file), names);
    }

    /** The project's macros and the ones each node and test calls (dbt's {@code depends_on.macros}). */
    static MacroGraph macros(DbtProject dbt, Map<String, PlannedNode> nodes, List<PlannedTest> tests) {
        Map<String, String> code = new LinkedHashMap<>();
        nodes.values().forEach(n -> code.put(n.uniqueId(dbt), n.rawCode()));
        tests.forEach(t -> code.put(t.uniqueId(), t.rawCode()));
        return MacroGraph.of(dbt.name(), dbt.macroFiles(), code);
    }

    private static void put(Map<String, Selectable> graph, Selectable node) {
        graph.put(node.uniqueId(), node);
    }

    /**
     * A test's configs as the project wrote them (dbt's {@code unrendered_config}): a generic test's from
     * dbt_project.yml and its entry; a singular test's where they differ from the defaults.
     */
    private static Map<String, Object> unrendered(PlannedTest test) {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (test.generic() != null) {
            test.generic().projectConfig().forEach((k, v) -> raw.put(k.startsWith("+") ? k.substring(1) : k, v));
            raw.putAll(test.generic().configValues());
            return raw;
        }
        Map<String, Object> defaults = TestConfig.DEFAULT.asMap();
        test.config().asMap().forEach((key, value) -> {
            if (!value.equals(defaults.get(key))) {
                raw.put(key, value);
            }
        });
        return raw;
    }

    /** The configs {@code config.<key>:} reads: those set, over dbt's defaults. */
    private static Map<String, Object> effective(Map<String, Object> config, String materialized) {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("enabled", true);
        effective.put("tags", List.of());
        effective.putAll(config);
        effective.put("materialized", materialized);
        return effective;
    }
}
