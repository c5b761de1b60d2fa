package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.artifacts.Artifacts;
import dev.ecommerce.core.transform.execute.Ctes;
import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.execute.TestSql;
import dev.ecommerce.core.transform.graph.Dag;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.ParentKind;
import dev.ecommerce.core.transform.project.Definitions.SingularTest;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.project.Profile;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded dbt engine: reads the project, renders every model and test with Jinjava (capturing refs and
 * sources as dbt does at parse time), orders the DAG, then runs {@code dbt build}'s order on DuckDB: seeds,
 * then per model its unit tests, the model, and the tests whose parents are done. A failing model or test
 * skips everything downstream. Nodes run one at a time.
 */
final class EmbeddedEngine implements TransformEngine {

    private static final Pattern REF_MARK = Pattern.compile("\u0001ref:([^\u0001]+)\u0001");

    private ExternalFiles external;

    @Override
    public TransformResult run(TransformSpec spec, Consumer<String> log) {
        long start = System.nanoTime();
        String invocationId = UUID.randomUUID().toString();
        DbtProject.Header header = DbtProject.header(spec.projectDirectory());
        Map<String, Object> vars = new LinkedHashMap<>(header.vars());
        vars.putAll(spec.vars());
        Renderer renderer = new Renderer(vars, spec.environment(), spec.fullRefresh());
        Profile profile = Profile.load(
                spec.profilesDirectory(),
                header.profile(),
                spec.target(),
                text -> renderer.render(RenderScope.plain("profiles.yml"), text));
        renderer.target(profile.jinja());
        external = new ExternalFiles(spec.projectDirectory(), spec.stagingDirectory(), () -> s3Client(spec, profile));
        DbtProject dbt = DbtProject.load(
                spec.projectDirectory(), text -> renderer.render(RenderScope.plain("dbt_project.yml"), text));
        renderer.macros(dbt.macroFiles());
        double parseSeconds = (System.nanoTime() - start) / 1e9 - renderer.seconds();

        Map<String, Node> nodes = new LinkedHashMap<>();
        dbt.seeds().forEach(s -> nodes.put(s.name(), new Node(null, s)));
        dbt.models().forEach(m -> nodes.put(m.name(), new Node(m, null)));
        for (Node node : nodes.values()) {
            if (node.seed != null) {
                name(node, profile);
                continue;
            }
            RenderScope scope = new RenderScope(
                    node.file,
                    ref -> refMark(nodes, node.file, ref),
                    (s, t) -> sourceRelation(dbt, external, node.file, s, t),
                    false,
                    () -> name(node, profile).relationName());
            node.rendered = renderer.render(scope, node.model.sql());
            node.config = node.config.with(NodeConfig.of(scope.config(), node.file + " config()"));
            node.refs = scope.refsCalled();
            node.sources = scope.sourcesCalled();
            name(node, profile);
        }
        nodes.values().removeIf(n -> !n.config.isEnabled());
        for (Node node : nodes.values()) {
            for (String ref : node.refs) {
                if (!nodes.containsKey(ref)) {
                    throw new ConfigurationException(node.file + ": ref('" + ref + "') names a disabled model;"
                            + " enable it or remove the ref.");
                }
            }
        }
        long dagStart = System.nanoTime();
        long dagNanos = 0;
        Dag dag = new Dag();
        nodes.values().forEach(n -> dag.add(n.name, n.file, n.config.tags(), n.refs));
        List<String> order = dag.order();
        Set<String> selected = dag.select(spec.select());
        dagNanos += System.nanoTime() - dagStart;
        for (String name : order) {
            Node node = nodes.get(name);
            if (node.model != null) {
                node.compiled = compile(nodes, node, node.rendered);
            }
        }
        List<TestNode> tests = tests(dbt, nodes, renderer, profile);
        long dagTests = System.nanoTime();
        if (!spec.select().isEmpty()) { // a test runs when one of its parents is selected (dbt's eager mode)
            tests.removeIf(t -> t.parents().stream().noneMatch(selected::contains));
        }
        dagNanos += System.nanoTime() - dagTests;
        double renderSeconds = renderer.seconds();
        log.accept(String.format(
                Locale.ROOT,
                "dbt project %s: %d models, %d seeds, %d tests, %d unit tests, %d sources; target %s (%s),"
                        + " %d selected",
                dbt.name(),
                dbt.models().size(),
                dbt.seeds().size(),
                tests.size(),
                dbt.unitTests().size(),
                dbt.sources().size(),
                profile.target(),
                profile.displayPath(),
                selected.size()));

        Artifacts artifacts = new Artifacts(dbt.targetDirectory(), dbt.name(), invocationId);
        long artifactNanos = 0;
        List<NodeResult> results = new ArrayList<>();
        Map<String, String> compiledByNode = new LinkedHashMap<>();
        double querySeconds;
        List<EcommerceException> faults;
        try (ExternalFiles files = external;
                Database database =
                        Database.open(profile, spec.projectDirectory(), spec.environment(), spec.duckDb())) {
            requireSources(dbt, nodes, selected, database, profile);
            NodeRunner runner = new NodeRunner(
                    dbt, external, spec, profile, database, renderer, nodes, tests, results, compiledByNode, log);
            runner.run(order, selected);
            faults = runner.faults();
            querySeconds = database.seconds();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long artifactStart = System.nanoTime();
        artifacts.writeManifest(manifestNodes(dbt, nodes, tests), manifestSources(dbt));
        for (Node node : nodes.values()) {
            if (node.compiled != null) {
                artifacts.writeCompiled(node.file, node.compiled);
            }
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("which", "build");
        args.put("target", profile.target());
        args.put("select", spec.select());
        args.put("vars", spec.vars());
        args.put("full_refresh", spec.fullRefresh());
        args.put("project_dir", spec.projectDirectory().toString());
        var runResults = artifacts.writeRunResults(
                results.stream()
                        .map(r -> new Artifacts.RunResult(
                                r.uniqueId(),
                                r.status().dbtName(),
                                r.seconds(),
                                r.failures(),
                                r.message(),
                                r.rowsAffected()))
                        .toList(),
                compiledByNode,
                elapsed,
                args);
        artifactNanos += System.nanoTime() - artifactStart;
        TransformResult.Timings timings = new TransformResult.Timings(
                parseSeconds, renderSeconds, dagNanos / 1e9, querySeconds, artifactNanos / 1e9);
        log.accept(String.format(
                Locale.ROOT,
                "Embedded engine: parse %.3f s, render %.3f s, DAG %.3f s (overhead %.3f s); DuckDB %.3f s;"
                        + " artifacts %.3f s",
                timings.parseSeconds(),
                timings.renderSeconds(),
                timings.dagSeconds(),
                timings.overheadSeconds(),
                timings.querySeconds(),
                timings.artifactSeconds()));
        return new TransformResult(
                TransformEngineKind.EMBEDDED,
                profile.target(),
                results,
                (System.nanoTime() - start) / 1e9,
                timings,
                runResults,
                faults);
    }

    /** The S3 client of the target's files: the profile's s3 secret over the build's settings. */
    private static S3ClientSpec s3Client(TransformSpec spec, Profile profile) {
        if (profile.s3Secret() != null) {
            return profile.s3Secret().over(spec.s3Client());
        }
        return spec.s3Client() != null
                ? spec.s3Client()
                : new S3ClientSpec(null, null, false, null, null, S3ClientSpec.DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Fails before anything runs when a source the selected models read is not in the database; the file of
     * an external source is staged (downloaded from S3) here, once.
     */
    private void requireSources(
            DbtProject dbt, Map<String, Node> nodes, Set<String> selected, Database database, Profile profile) {
        Set<String> used = new java.util.TreeSet<>();
        selected.forEach(name -> used.addAll(nodes.get(name).sources));
        List<String> missing = new ArrayList<>();
        try {
            for (String key : used) {
                Source source = dbt.sources().get(key);
                if (source.externalLocation() != null) {
                    external.stage(
                            source.externalLocation(),
                            "source " + key + " (" + source.file() + ", meta.external_location)");
                } else if (source.database() == null
                        && database.relationType(source.schema(), source.identifier()) == null) {
                    missing.add(source.schema() + "." + source.identifier() + " (source " + key + ", " + source.file()
                            + ")");
                }
            }
        } catch (SQLException e) {
            throw new dev.ecommerce.core.InfrastructureException(
                    "Cannot read the catalogue of " + profile.displayPath() + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new dev.ecommerce.core.DataException("The database of target " + profile.target() + " ("
                    + profile.displayPath() + ") has no " + String.join(", ", missing) + ": run the ingest goal first"
                    + " (mvn ecommerce:ingest), or fix the source's schema or identifier.");
        }
    }

    static String refMark(Map<String, Node> nodes, String file, String ref) {
        if (!nodes.containsKey(ref)) {
            throw new ConfigurationException(file + ": ref('" + ref + "') names no model or seed of this project.");
        }
        return "\u0001ref:" + ref + "\u0001";
    }

    /** The render scope of a test file: refs and sources resolve as in models; no {@code this}. */
    private RenderScope testScope(DbtProject dbt, Map<String, Node> nodes, String file) {
        return new RenderScope(
                file,
                ref -> refMark(nodes, file, ref),
                (s, t) -> sourceRelation(dbt, external, file, s, t),
                false,
                null);
    }

    static String sourceRelation(DbtProject dbt, ExternalFiles external, String file, String source, String table) {
        Source defined = dbt.sources().get(source + "." + table);
        if (defined == null) {
            throw new ConfigurationException(file + ": source('" + source + "', '" + table + "') is not declared under"
                    + " sources: in a schema file.");
        }
        if (defined.externalLocation() != null) {
            return "read_parquet(" + Sql.literal(external.input(defined.externalLocation())) + ")";
        }
        try {
            return (defined.database() == null ? "" : Sql.identifier(defined.database()) + ".")
                    + Sql.identifier(defined.schema()) + "." + Sql.identifier(defined.identifier());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(defined.file() + " (source " + source + "): names must be lower-case SQL"
                    + " names: " + e.getMessage());
        }
    }

    /** dbt's default generate_schema_name and alias: {@code <target schema>_<custom>}, else the target schema. */
    static Node name(Node node, Profile profile) {
        String custom = node.config.schema();
        node.schema = custom == null || custom.isBlank() ? profile.schema() : profile.schema() + "_" + custom.trim();
        node.identifier = node.config.alias() == null ? node.name : node.config.alias();
        try {
            Sql.identifier(node.schema);
            Sql.identifier(node.identifier);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(node.file + ": the relation " + node.schema + "." + node.identifier
                    + " needs lower-case SQL names (letters, digits, _).");
        }
        return node;
    }

    /** Replaces ref marks with relation names, and inlines ephemeral models as CTEs. */
    static String compile(Map<String, Node> nodes, Node node, String rendered) {
        Map<String, String> ctes = new LinkedHashMap<>();
        collectEphemerals(nodes, node, ctes, new HashSet<>());
        return Ctes.inject(resolveMarks(nodes, rendered), ctes);
    }

    private static void collectEphemerals(
            Map<String, Node> nodes, Node node, Map<String, String> ctes, Set<String> seen) {
        for (String ref : node.refs) {
            Node parent = nodes.get(ref);
            if (parent != null && parent.model != null && parent.materialized().equals("ephemeral") && seen.add(ref)) {
                collectEphemerals(nodes, parent, ctes, seen);
                ctes.put("__dbt__cte__" + ref, resolveMarks(nodes, parent.rendered));
            }
        }
    }

    static String resolveMarks(Map<String, Node> nodes, String sql) {
        Matcher m = REF_MARK.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Node target = nodes.get(m.group(1));
            String replacement = target == null
                    ? m.group(1)
                    : target.model != null && target.materialized().equals("ephemeral")
                            ? "__dbt__cte__" + target.name
                            : target.relation();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private List<TestNode> tests(DbtProject dbt, Map<String, Node> nodes, Renderer renderer, Profile profile) {
        List<TestNode> tests = new ArrayList<>();
        for (GenericTest test : dbt.genericTests()) {
            if (!test.config().isEnabled()) {
                continue;
            }
            String relation;
            Set<String> parents = new LinkedHashSet<>();
            List<String> dependsOn = new ArrayList<>();
            if (test.parentKind() == ParentKind.SOURCE) {
                String[] parts = test.parent().split("\\.", 2);
                relation = sourceRelation(dbt, external, test.file(), parts[0], parts[1]);
                dependsOn.add("source." + dbt.name() + "." + test.parent());
            } else {
                Node node = nodes.get(test.parent());
                boolean disabled = node == null
                        && dbt.models().stream().anyMatch(m -> m.name().equals(test.parent()));
                if (disabled) {
                    continue; // dbt disables the tests of a disabled model
                }
                if (node == null) {
                    throw new ConfigurationException(test.file() + ": the test " + test.name() + " is on "
                            + test.parent() + ", which is no model or seed of this project.");
                }
                relation = node.relation();
                parents.add(node.name);
                dependsOn.add(node.kind + "." + dbt.name() + "." + node.name);
            }
            String to = null;
            if (test.kind().equals("relationships")) {
                RenderScope scope = testScope(dbt, nodes, test.file());
                String rendered =
                        renderer.render(scope, "{{ " + test.arguments().get("to") + " }}");
                to = resolveMarks(nodes, rendered);
                for (String ref : scope.refsCalled()) {
                    parents.add(ref);
                    dependsOn.add(nodes.get(ref).kind + "." + dbt.name() + "." + ref);
                }
            }
            Set<String> blocks = test.parentKind() == ParentKind.SOURCE ? Set.of() : Set.of(test.parent());
            tests.add(new TestNode(
                    "test." + dbt.name() + "." + test.name(),
                    test.name(),
                    test.file(),
                    TestSql.of(test, relation, to),
                    parents,
                    blocks,
                    "warn".equals(test.config().severity()),
                    dependsOn));
        }
        for (SingularTest test : dbt.singularTests()) {
            RenderScope scope = testScope(dbt, nodes, test.file());
            String rendered = renderer.render(scope, test.sql());
            NodeConfig config = NodeConfig.of(scope.config(), test.file() + " config()");
            Set<String> parents = new LinkedHashSet<>(scope.refsCalled());
            List<String> dependsOn = new ArrayList<>();
            parents.forEach(p -> dependsOn.add(nodes.get(p).kind + "." + dbt.name() + "." + p));
            scope.sourcesCalled().forEach(s -> dependsOn.add("source." + dbt.name() + "." + s));
            Map<String, String> ctes = new LinkedHashMap<>();
            for (String parent : parents) {
                Node node = nodes.get(parent);
                if (node.model != null && node.materialized().equals("ephemeral")) {
                    collectEphemerals(nodes, fakeParent(node), ctes, new HashSet<>());
                }
            }
            tests.add(new TestNode(
                    "test." + dbt.name() + "." + test.name(),
                    test.name(),
                    test.file(),
                    Ctes.inject(resolveMarks(nodes, rendered), ctes),
                    parents,
                    parents,
                    "warn".equals(config.severity()),
                    dependsOn));
        }
        return tests;
    }

    /** A stand-in whose only ref is {@code node}, to collect the CTEs a test on an ephemeral model needs. */
    private static Node fakeParent(Node node) {
        Node holder = new Node(node.model, null);
        holder.refs = Set.of(node.name);
        return holder;
    }

    private static List<Artifacts.ManifestNode> manifestNodes(
            DbtProject dbt, Map<String, Node> nodes, List<TestNode> tests) {
        List<Artifacts.ManifestNode> result = new ArrayList<>();
        for (Node node : nodes.values()) {
            List<String> dependsOn = new ArrayList<>();
            node.refs.forEach(r -> dependsOn.add(nodes.get(r).kind + "." + dbt.name() + "." + r));
            node.sources.forEach(s -> dependsOn.add("source." + dbt.name() + "." + s));
            result.add(new Artifacts.ManifestNode(
                    node.kind + "." + dbt.name() + "." + node.name,
                    node.kind,
                    node.name,
                    node.file,
                    node.materialized(),
                    node.schema,
                    node.identifier,
                    node.config.tags(),
                    dependsOn,
                    node.model == null ? null : node.model.sql(),
                    node.compiled));
        }
        for (TestNode test : tests) {
            result.add(new Artifacts.ManifestNode(
                    test.uniqueId(),
                    "test",
                    test.name(),
                    test.file(),
                    "test",
                    null,
                    null,
                    List.of(),
                    test.dependsOn(),
                    null,
                    test.sql()));
        }
        for (UnitTest test : dbt.unitTests()) {
            result.add(new Artifacts.ManifestNode(
                    "unit_test." + dbt.name() + "." + test.model() + "." + test.name(),
                    "unit_test",
                    test.name(),
                    test.file(),
                    "unit",
                    null,
                    null,
                    List.of(),
                    List.of("model." + dbt.name() + "." + test.model()),
                    null,
                    null));
        }
        return result;
    }

    private static List<Artifacts.ManifestSource> manifestSources(DbtProject dbt) {
        return dbt.sources().values().stream()
                .map(s -> new Artifacts.ManifestSource(
                        "source." + dbt.name() + "." + s.key(),
                        s.sourceName(),
                        s.tableName(),
                        s.schema(),
                        s.identifier(),
                        s.file()))
                .toList();
    }
}
