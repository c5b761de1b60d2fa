package dev.ecommerce.core.transform;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.transform.artifacts.Artifacts;
import dev.ecommerce.core.transform.graph.Selectable;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.Definitions.Rows;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.project.NodeConfig;
import dev.ecommerce.core.transform.project.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * dbt's artifacts of one run of the embedded engine: manifest.json, the compiled SQL of models and tests
 * ({@code compiled/}), what each node ran ({@code run/}), run_results.json. Seeds have no compiled SQL, as in dbt.
 */
final class RunArtifacts {

    /** The schema dbt gives tests (where it would store their failures): the target's, then this. */
    private static final String TEST_SCHEMA_SUFFIX = "_dbt_test__audit";

    private RunArtifacts() {}

    /**
     * Starts writing {@code manifest.json} with the planned SQL, on a thread of its own while the nodes run (as
     * dbt writes it after parsing).
     */
    static CompletableFuture<Void> startManifest(Plan plan, SqlFiles sqlFiles) {
        return CompletableFuture.runAsync(() -> writeManifest(plan, null, sqlFiles.artifacts()), task -> {
            Thread thread = new Thread(task, "dbt-manifest");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * After a run that broke off: waits for the SQL files and the manifest being written, their failures added to
     * {@code failure} (which is the one reported).
     */
    static void settle(SqlFiles sqlFiles, CompletableFuture<Void> manifest, Throwable failure) {
        try {
            sqlFiles.drain();
        } catch (RuntimeException | Error e) {
            if (e != failure) { // finish() may have thrown this very failure
                failure.addSuppressed(e);
            }
        }
        try {
            manifest.join();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code manifest.json}, with what each node ran ({@code outcome}), or its planned SQL (null). */
    private static void writeManifest(Plan plan, RunOutcome outcome, Artifacts artifacts) {
        artifacts.writeManifest(
                manifestNodes(plan, outcome, artifacts),
                manifestSources(plan, artifacts),
                units(plan, artifacts),
                ResourceGraph.macros(plan.dbt(), plan.nodes(), plan.allTests()));
    }

    private static void join(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The writer of a run's compiled and run SQL files, started before the nodes run. */
    static SqlFiles sqlFiles(Plan plan) {
        return new SqlFiles(
                plan,
                new Artifacts(
                        plan.dbt().targetDirectory(),
                        plan.dbt().name(),
                        UUID.randomUUID().toString(),
                        packagePrefixes(plan)));
    }

    /**
     * Writes the artifacts of a run under the project's target folder.
     *
     * @param results run_results.json's entries, made ahead as the nodes finished
     * @param elapsed the run's time until its database closed
     * @return the {@code run_results.json} written
     */
    static Path write(
            Plan plan,
            TransformSpec spec,
            RunOutcome outcome,
            SqlFiles sqlFiles,
            CompletableFuture<Void> plannedManifest,
            RunResultsAhead results,
            double elapsed) {
        Artifacts artifacts = sqlFiles.artifacts();
        // The manifest written while the nodes ran holds their planned SQL; written again (on another thread,
        // while the last SQL files are written) only if a node ran other SQL: an incremental model's second
        // run, a model rendered again when it ran, a run hook (rendered only when it runs).
        try {
            join(plannedManifest);
        } catch (RuntimeException e) {
            settle(sqlFiles, CompletableFuture.completedFuture(null), e);
            throw e;
        }
        boolean ranOtherSql = plan.nodes().values().stream()
                        .anyMatch(node -> node.seed() == null
                                && !java.util.Objects.equals(
                                        node.compiled(), outcome.compiled(node.uniqueId(plan.dbt()), node.compiled())))
                || outcome.compiled().keySet().stream().anyMatch(id -> id.startsWith("operation."))
                || plan.tests().stream().anyMatch(test -> test.runTimeRender() != null);
        CompletableFuture<Void> manifest = ranOtherSql
                ? CompletableFuture.runAsync(() -> writeManifest(plan, outcome, artifacts))
                : CompletableFuture.completedFuture(null);
        try {
            sqlFiles.finish(plan);
        } catch (RuntimeException e) {
            settle(sqlFiles, manifest, e); // the manifest being written again is waited for, not left running
            throw e;
        }
        join(manifest);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("which", "build");
        args.put("target", plan.profile().target());
        args.put("select", spec.select());
        args.put("vars", spec.vars());
        args.put("full_refresh", spec.fullRefresh());
        args.put("project_dir", spec.projectDirectory().toString());
        results.stop();
        List<byte[]> entries = new ArrayList<>();
        for (NodeResult result : outcome.results()) {
            String id = result.uniqueId();
            boolean compiled = results.showsCode(id) && outcome.compiled().containsKey(id);
            entries.add(results.json(
                    result, outcome.timing(id), compiled ? outcome.compiled().get(id) : null, compiled));
        }
        return artifacts.writeRunResults(entries, elapsed, args);
    }

    private static List<Artifacts.ManifestNode> manifestNodes(Plan plan, RunOutcome outcome, Artifacts artifacts) {
        String database = database(plan);
        List<Artifacts.ManifestNode> result = new ArrayList<>();
        for (PlannedNode node : plan.nodes().values()) {
            List<String> dependsOn = new ArrayList<>();
            node.refs().forEach(r -> dependsOn.add(plan.uniqueId(r)));
            node.sources()
                    .forEach(s ->
                            dependsOn.add(NodeKind.SOURCE.uniqueId(plan.dbt().sourcePackage(s), s)));
            String id = node.uniqueId(plan.dbt());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put(
                    "relation_name", node.isEphemeral() ? null : node.relation().sql());
            stateFields(plan.graph().get(id), extra);
            result.add(new Artifacts.ManifestNode(
                    id,
                    node.kind().dbtName(),
                    node.name(),
                    node.file(),
                    Artifacts.resourcePath(plan.dbt().pathInPackage(node.file())),
                    artifacts.fqn(node.file(), node.name()),
                    database,
                    node.relation().schema(),
                    node.relation().identifier(),
                    nodeConfig(node),
                    node.config().tags(),
                    dependsOn,
                    node.rawCode(),
                    node.seed() != null
                            ? null
                            : outcome == null ? node.compiled() : outcome.compiled(id, node.compiled()),
                    node.seed() != null ? sha256(node.seed().path()) : AtomicFiles.sha256(node.rawCode()),
                    extra));
        }
        result.addAll(ProjectHooks.manifestNodes(plan, outcome, database));
        String testSchema = plan.profile().schema() + TEST_SCHEMA_SUFFIX;
        for (PlannedTest test : plan.allTests()) {
            GenericTest generic = test.generic();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("relation_name", null);
            stateFields(plan.graph().get(test.uniqueId()), extra);
            if (generic != null) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                String kind = generic.kind(); // package.name for a package's test
                metadata.put("name", kind.substring(kind.indexOf('.') + 1));
                metadata.put("kwargs", generic.kwargs());
                metadata.put("namespace", kind.contains(".") ? kind.substring(0, kind.indexOf('.')) : null);
                extra.put("test_metadata", metadata);
                extra.put("column_name", generic.column());
                extra.put(
                        "file_key_name",
                        generic.parentKind().name().toLowerCase(java.util.Locale.ROOT) + "s."
                                + generic.parent().split("\\.")[0]);
                extra.put(
                        "attached_node",
                        test.dependsOn().isEmpty() ? null : test.dependsOn().get(0));
            }
            String alias = generic != null ? generic.shortName() : test.name();
            result.add(new Artifacts.ManifestNode(
                    test.uniqueId(),
                    NodeKind.TEST.dbtName(),
                    test.name(),
                    test.file(),
                    generic != null
                            ? alias + ".sql"
                            : Artifacts.resourcePath(plan.dbt().pathInPackage(test.file())),
                    artifacts.fqn(test.file(), test.name()),
                    database,
                    testSchema,
                    alias,
                    testConfig(test.config(), alias),
                    test.config().tags(),
                    test.dependsOn(),
                    test.rawCode(),
                    outcome == null ? test.sql() : outcome.compiled(test.uniqueId(), test.sql()),
                    generic != null ? null : AtomicFiles.sha256(test.rawCode()),
                    extra));
        }
        return result;
    }

    /**
     * What dbt's {@code --state} compares, as node selection computed it: the checksum (a large seed's by
     * path) and the unrendered configs.
     */
    private static void stateFields(Selectable resource, Map<String, Object> extra) {
        if (resource == null) {
            return;
        }
        Map<String, Object> checksum = new LinkedHashMap<>();
        checksum.put("name", resource.checksum().name());
        checksum.put("checksum", resource.checksum().checksum());
        extra.put("checksum", checksum);
        extra.put("unrendered_config", resource.unrenderedConfig());
    }

    private static Map<String, Object> nodeConfig(PlannedNode node) {
        NodeConfig config = node.config();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", true);
        values.put("alias", config.alias());
        values.put("schema", config.schema());
        values.put("database", config.database());
        values.put("tags", config.tags());
        values.put("meta", Map.of());
        values.put("materialized", node.materialization().dbtName());
        values.put("incremental_strategy", config.incrementalStrategy());
        values.put("unique_key", config.uniqueKey());
        values.put("on_schema_change", config.onSchemaChange() == null ? "ignore" : config.onSchemaChange());
        values.put("full_refresh", config.fullRefresh());
        values.putAll(config.others()); // keys the engine does not act on, kept as dbt keeps them
        return values;
    }

    private static Map<String, Object> testConfig(TestConfig config, String alias) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", config.enabled());
        values.put("alias", alias);
        values.put("schema", "dbt_test__audit");
        values.put("database", null);
        values.put("tags", config.tags());
        values.put("meta", Map.of());
        values.put("materialized", "test");
        values.put("severity", config.severity());
        values.put("store_failures", null);
        values.put("where", config.where());
        values.put("limit", config.limit());
        values.put("fail_calc", config.failCalc());
        values.put("warn_if", config.warnIf());
        values.put("error_if", config.errorIf());
        return values;
    }

    private static List<Artifacts.ManifestUnitTest> units(Plan plan, Artifacts artifacts) {
        List<Artifacts.ManifestUnitTest> result = new ArrayList<>();
        for (UnitTest test : plan.dbt().unitTests()) {
            List<Map<String, Object>> given = new ArrayList<>();
            test.given().forEach(g -> given.add(fixture(g.rows(), Map.of("input", g.input()))));
            Map<String, Object> expect = fixture(test.expect(), Map.of());
            result.add(new Artifacts.ManifestUnitTest(
                    NodeKind.UNIT_TEST.uniqueId(plan.dbt().packageOf(test.file()), test.model() + "." + test.name()),
                    test.name(),
                    test.model(),
                    test.file(),
                    artifacts.fqn(test.file(), test.model(), test.name()),
                    given,
                    expect,
                    test.tags(),
                    List.of(NodeKind.MODEL.uniqueId(plan.dbt().packageOf(test.file()), test.model()))));
        }
        return result;
    }

    /** A unit test's given or expected rows as dbt's manifest shows them: dicts, or a query ({@code format: sql}). */
    private static Map<String, Object> fixture(Rows rows, Map<String, Object> input) {
        Map<String, Object> fixture = new LinkedHashMap<>(input);
        fixture.put("rows", rows.sql() != null ? rows.sql() : rows.dicts());
        fixture.put("format", rows.sql() != null ? "sql" : "dict");
        return fixture;
    }

    private static List<Artifacts.ManifestSource> manifestSources(Plan plan, Artifacts artifacts) {
        String database = database(plan);
        return plan.dbt().sources().values().stream()
                .map(s -> new Artifacts.ManifestSource(
                        NodeKind.SOURCE.uniqueId(plan.dbt().packageOf(s.file()), s.key()),
                        s.sourceName(),
                        s.tableName(),
                        s.database() != null ? s.database() : database,
                        s.schema(),
                        s.identifier(),
                        s.file(),
                        artifacts.fqn(s.file(), s.sourceName(), s.tableName()),
                        s.externalLocation() != null ? null : "\"" + s.schema() + "\".\"" + s.identifier() + "\""))
                .toList();
    }

    /** The names of the project's packages by the prefix of their files. */
    private static Map<String, String> packagePrefixes(Plan plan) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        plan.dbt().packages().forEach(p -> prefixes.put(p.prefix(), p.name()));
        return prefixes;
    }

    /** dbt-duckdb's database: the DuckDB file's name without its extension ({@code test.duckdb} is {@code test}). */
    static String database(Plan plan) {
        String path = plan.profile().path();
        if (path == null || path.isBlank() || path.equals(":memory:")) {
            return "memory";
        }
        String name = path.substring(path.lastIndexOf(':') + 1);
        name = Path.of(name).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String sha256(Path file) {
        try {
            return AtomicFiles.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file, e);
        }
    }
}
