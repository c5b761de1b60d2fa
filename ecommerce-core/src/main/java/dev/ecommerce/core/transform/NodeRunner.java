package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.execute.Database;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.execute.ExternalModel;
import dev.ecommerce.core.transform.execute.UnitTestRunner;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.project.Profile;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The execution half of the embedded engine ({@link EmbeddedEngine} plans: renders, names, orders): runs
 * {@code dbt build}'s order on DuckDB, seeds first, then per model its unit tests, the model, and every test
 * whose parents are done, and records a result per node. A failing node skips everything downstream.
 */
final class NodeRunner {
    private final DbtProject dbt;
    private final ExternalFiles external;
    private final TransformSpec spec;
    private final Profile profile;
    private final Database database;
    private final Renderer renderer;
    private final Map<String, Node> nodes;
    private final List<TestNode> pendingTests;
    private final List<NodeResult> results;
    private final Map<String, String> compiled;
    private final Consumer<String> log;
    private final Set<String> done = new HashSet<>();
    private final List<EcommerceException> faults = new ArrayList<>();
    private final Map<String, String> blocked = new HashMap<>(); // node -> why its dependants are skipped
    private final Set<String> schemas = new HashSet<>();

    NodeRunner(
            DbtProject dbt,
            ExternalFiles external,
            TransformSpec spec,
            Profile profile,
            Database database,
            Renderer renderer,
            Map<String, Node> nodes,
            List<TestNode> tests,
            List<NodeResult> results,
            Map<String, String> compiled,
            Consumer<String> log) {
        this.dbt = dbt;
        this.external = external;
        this.spec = spec;
        this.profile = profile;
        this.database = database;
        this.renderer = renderer;
        this.nodes = nodes;
        this.pendingTests = new ArrayList<>(tests);
        this.results = results;
        this.compiled = compiled;
        this.log = log;
    }

    /** Faults underneath (not the data's, not the SQL's) that made external models error. */
    List<EcommerceException> faults() {
        return faults;
    }

    void run(List<String> order, Set<String> selected) {
        runReadyTests(); // tests on sources only
        List<String> seedsFirst = new ArrayList<>();
        order.stream().filter(n -> nodes.get(n).seed != null).forEach(seedsFirst::add);
        order.stream().filter(n -> nodes.get(n).seed == null).forEach(seedsFirst::add);
        for (String name : seedsFirst) {
            Node node = nodes.get(name);
            if (!selected.contains(name)) {
                done.add(name); // not selected: built earlier; tests on it are not selected either
                continue;
            }
            String reason = node.refs.stream()
                    .filter(blocked::containsKey)
                    .map(blocked::get)
                    .findFirst()
                    .orElse(null);
            if (reason != null) {
                skip(node, reason);
            } else if (unitTestsPass(node)) {
                build(node);
            }
            done.add(name);
            runReadyTests();
        }
    }

    private boolean unitTestsPass(Node node) {
        boolean pass = true;
        for (UnitTest test : dbt.unitTests()) {
            if (!test.model().equals(node.name)) {
                continue;
            }
            String id = "unit_test." + dbt.name() + "." + node.name + "." + test.name();
            long start = System.nanoTime();
            try {
                UnitTestRunner.Outcome outcome = new UnitTestRunner(database, renderer)
                        .run(test, node.model, node.relationName(), key -> realTable(key));
                compiled.put(id, outcome.compiledSql());
                boolean ok = outcome.differences() == 0;
                record(
                        id,
                        "unit_test",
                        test.file(),
                        ok ? Status.PASS : Status.FAIL,
                        seconds(start),
                        outcome.differences(),
                        ok ? "PASS" : outcome.diff(),
                        -1);
                pass &= ok;
            } catch (SQLException e) {
                record(id, "unit_test", test.file(), Status.ERROR, seconds(start), null, e.getMessage(), -1);
                pass = false;
            }
        }
        if (!pass) {
            String reason = "unit test of " + node.name + " failed";
            skip(node, reason);
        }
        return pass;
    }

    /** Skips a node and, through {@code blocked}, everything downstream of it. */
    private void skip(Node node, String reason) {
        blocked.put(node.name, reason);
        if (!node.materialized().equals("ephemeral")) {
            String id = node.kind + "." + dbt.name() + "." + node.name;
            record(id, node.kind, node.file, Status.SKIPPED, 0, null, "skipped: " + reason, -1);
        }
    }

    private String[] realTable(String key) {
        if (key.startsWith("ref:")) {
            Node node = nodes.get(key.substring(4));
            return node == null || node.materialized().equals("ephemeral")
                    ? null
                    : new String[] {node.schema, node.identifier};
        }
        Source source = dbt.sources().get(key.substring("source:".length()));
        return source == null || source.externalLocation() != null
                ? null
                : new String[] {source.schema(), source.identifier()};
    }

    private void build(Node node) {
        String id = node.kind + "." + dbt.name() + "." + node.name;
        if (node.materialized().equals("ephemeral")) {
            return; // inlined into its dependants
        }
        long start = System.nanoTime();
        try {
            if (schemas.add(node.schema)) {
                database.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(node.schema));
            }
            long rows = node.seed != null ? seed(node) : model(node);
            compiled.put(id, node.compiled);
            record(id, node.kind, node.file, Status.SUCCESS, seconds(start), null, "OK", rows);
        } catch (SQLException | EcommerceException e) {
            if (e instanceof EcommerceException other && !node.materialized().equals("external")) {
                throw other; // only writing an external model's file is the model's own failure, as in dbt
            }
            if (e instanceof EcommerceException fault && !(e instanceof dev.ecommerce.core.DataException)) {
                faults.add(fault); // writing the file failed underneath, or its location is wrong
            }
            compiled.put(id, node.compiled);
            blocked.put(node.name, node.kind + " " + node.name + " errored");
            record(id, node.kind, node.file, Status.ERROR, seconds(start), null, e.getMessage(), -1);
        }
    }

    private long seed(Node node) throws SQLException {
        node.compiled = "SELECT * FROM read_csv(" + Sql.literal(node.seed.path()) + ", header = true)";
        dropIfOther(node, "BASE TABLE");
        return database.execute("CREATE OR REPLACE TABLE " + node.relation() + " AS " + node.compiled);
    }

    private long model(Node node) throws SQLException {
        String relation = node.relation();
        switch (node.materialized()) {
            case "view" -> {
                dropIfOther(node, "VIEW");
                database.execute("CREATE OR REPLACE VIEW " + relation + " AS\n" + node.compiled);
                return -1;
            }
            case "table" -> {
                dropIfOther(node, "BASE TABLE");
                return database.execute("CREATE OR REPLACE TABLE " + relation + " AS\n" + node.compiled);
            }
            case "external" -> {
                dropIfOther(node, "VIEW");
                return ExternalModel.build(
                        database, external, node.relationName(), node.compiled, externalLocation(node));
            }
            default -> {
                return incremental(node);
            }
        }
    }

    /** {@code location}, else dbt-duckdb's default {@code <external_root>/<identifier>.parquet}. */
    private String externalLocation(Node node) {
        if (node.config.location() != null && !node.config.location().isBlank()) {
            return node.config.location().trim();
        }
        String root = profile.externalRoot() == null ? "." : profile.externalRoot();
        return (root.endsWith("/") ? root : root + "/") + node.identifier + ".parquet";
    }

    private long incremental(Node node) throws SQLException {
        String relation = node.relation();
        String existing = database.relationType(node.schema, node.identifier);
        if (spec.fullRefresh() || !"BASE TABLE".equals(existing)) {
            dropIfOther(node, "BASE TABLE");
            return database.execute("CREATE OR REPLACE TABLE " + relation + " AS\n" + node.compiled);
        }
        if (node.model.sql().contains("is_incremental")) {
            RenderScope scope = new RenderScope(
                    node.file,
                    ref -> "\u0001ref:" + ref + "\u0001",
                    (s, t) -> EmbeddedEngine.sourceRelation(dbt, external, node.file, s, t),
                    true,
                    node::relationName);
            node.compiled = EmbeddedEngine.compile(nodes, node, renderer.render(scope, node.model.sql()));
        }
        List<String> keys = node.config.uniqueKey();
        String strategy = node.config.incrementalStrategy() != null
                ? node.config.incrementalStrategy()
                : keys == null || keys.isEmpty() ? "append" : "delete+insert";
        if (strategy.equals("append")) {
            return database.execute(
                    "INSERT INTO " + relation + " BY NAME SELECT * FROM (\n" + node.compiled + "\n) AS __dbt_new");
        }
        if (keys == null || keys.isEmpty()) {
            throw new ConfigurationException(node.file + ": incremental_strategy delete+insert needs a unique_key.");
        }
        String temp = Sql.identifier("__dbt_tmp_" + node.identifier);
        database.execute("CREATE OR REPLACE TEMP TABLE " + temp + " AS\n" + node.compiled);
        try {
            String match = String.join(
                    " AND ",
                    keys.stream()
                            .map(k -> relation + "." + key(node, k) + " = " + temp + "." + key(node, k))
                            .toList());
            // Delete and insert together or not at all: a failed insert must not lose the deleted rows.
            database.execute("BEGIN TRANSACTION");
            try {
                database.execute(
                        "DELETE FROM " + relation + " WHERE EXISTS (SELECT 1 FROM " + temp + " WHERE " + match + ")");
                long rows = database.execute("INSERT INTO " + relation + " BY NAME SELECT * FROM " + temp);
                database.execute("COMMIT");
                return rows;
            } catch (SQLException e) {
                database.execute("ROLLBACK");
                throw e;
            }
        } finally {
            database.execute("DROP TABLE IF EXISTS " + temp);
        }
    }

    private static String key(Node node, String column) {
        try {
            return Sql.identifier(column.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    node.file + ": unique_key '" + column + "' must be a lower-case" + " column name.");
        }
    }

    /** Drops the relation when it exists as the other kind (a view that becomes a table, or back). */
    private void dropIfOther(Node node, String wanted) throws SQLException {
        String existing = database.relationType(node.schema, node.identifier);
        if (existing != null && !existing.equals(wanted)) {
            database.execute((existing.equals("VIEW") ? "DROP VIEW " : "DROP TABLE ") + node.relation());
        }
    }

    /** Runs every pending test whose parents have all been processed. */
    private void runReadyTests() {
        for (var it = pendingTests.iterator(); it.hasNext(); ) {
            TestNode test = it.next();
            if (!done.containsAll(test.parents())) {
                continue;
            }
            it.remove();
            String reason = test.parents().stream()
                    .filter(p -> blocked.containsKey(p) && !isBlockedOnlyByTest(p))
                    .map(blocked::get)
                    .findFirst()
                    .orElse(null);
            if (reason != null) {
                record(test.uniqueId(), "test", test.file(), Status.SKIPPED, 0, null, "skipped: " + reason, -1);
                continue;
            }
            long start = System.nanoTime();
            compiled.put(test.uniqueId(), test.sql());
            try {
                long failures = database.count("SELECT count(*) FROM (\n" + test.sql() + "\n) AS __dbt_test");
                Status status = failures == 0 ? Status.PASS : test.warnOnly() ? Status.WARN : Status.FAIL;
                record(
                        test.uniqueId(),
                        "test",
                        test.file(),
                        status,
                        seconds(start),
                        failures,
                        failures == 0
                                ? "PASS"
                                : "Got " + failures + " result" + (failures == 1 ? "" : "s")
                                        + ", configured to fail if != 0",
                        -1);
                if (status == Status.FAIL) {
                    for (String model : test.blocks()) {
                        blocked.putIfAbsent(model, "test " + test.name() + " failed");
                        testBlocked.add(model);
                    }
                }
            } catch (SQLException e) {
                record(test.uniqueId(), "test", test.file(), Status.ERROR, seconds(start), null, e.getMessage(), -1);
            }
        }
    }

    private final Set<String> testBlocked = new HashSet<>();

    private boolean isBlockedOnlyByTest(String node) {
        return testBlocked.contains(node) && done.contains(node);
    }

    private void record(
            String id,
            String kind,
            String file,
            Status status,
            double seconds,
            Long failures,
            String message,
            long rows) {
        NodeResult result = new NodeResult(id, kind, file, status, seconds, failures, message, rows);
        results.add(result);
        log.accept(String.format(
                Locale.ROOT,
                "  %-7s %-10s %s (%.2f s)%s",
                status.dbtName().toUpperCase(Locale.ROOT),
                kind,
                result.name(),
                seconds,
                status == Status.SUCCESS || status == Status.PASS ? "" : ": " + firstLine(message)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " ...";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
