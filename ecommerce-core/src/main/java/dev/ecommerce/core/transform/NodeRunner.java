package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.execute.BuildNode;
import dev.ecommerce.core.transform.execute.Materializer;
import dev.ecommerce.core.transform.execute.Materializers;
import dev.ecommerce.core.transform.execute.TestSql;
import dev.ecommerce.core.transform.execute.UnitTestRunner;
import dev.ecommerce.core.transform.project.Definitions.Given;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Definitions.UnitTest;
import dev.ecommerce.core.transform.project.Materialization;
import dev.ecommerce.core.transform.render.RenderScope;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Plan} on DuckDB in {@code dbt build}'s order: the tests on sources, then per seed or model
 * its unit tests, the node itself (built by its materialization's materializer) and every test whose
 * parents are done. A failing node skips everything downstream. One runner runs one plan, once.
 */
final class NodeRunner {

    private final Plan plan;
    private final RunContext context;
    private final Materializers materializers;
    private final Compiler compiler;
    private final RunRecorder recorder;
    /** What renders at run time use: the open database, the plan's relations and graph. */
    private final LiveWarehouse warehouse;
    /** Tests whose parents are all done, in plan order, waiting to run. */
    private final List<PlannedTest> readyTests = new ArrayList<>();
    /** The other tests, each filed under one parent not done yet (so a node's end looks at its own tests only). */
    private final Map<String, List<PlannedTest>> waitingTests = new HashMap<>();

    private final Set<String> done = new HashSet<>();
    private final Map<String, String> blocked = new HashMap<>(); // node -> why its dependants are skipped
    private final Set<String> testBlocked = new HashSet<>();
    /** Why every node is skipped (a failing on-run-start hook, with dbt's skip_nodes_if_on_run_start_fails). */
    private String runBlocked;

    NodeRunner(Plan plan, RunContext context) {
        this.plan = plan;
        this.context = context;
        this.materializers = new Materializers(
                context.database(), context.project().files(), plan.profile().externalRoot(), context.fullRefresh());
        this.compiler = new Compiler(plan.nodes());
        this.recorder = new RunRecorder(context.log(), context.sqlFiles(), context.results());
        this.warehouse = new LiveWarehouse(plan, context.database());
        plan.tests().forEach(this::file);
    }

    /** Files a test as ready, or under a parent it still waits for. */
    private void file(PlannedTest test) {
        String waitingFor = test.parents().stream()
                .filter(p -> !done.contains(p))
                .findFirst()
                .orElse(null);
        if (waitingFor == null) {
            readyTests.add(test);
        } else {
            waitingTests.computeIfAbsent(waitingFor, k -> new ArrayList<>()).add(test);
        }
    }

    /** Marks a node processed; the tests that waited for it are filed again. */
    private void markDone(String name) {
        done.add(name);
        List<PlannedTest> waiting = waitingTests.remove(name);
        if (waiting != null) {
            waiting.forEach(this::file);
        }
    }

    /** Runs every selected node and the tests on them; returns their results. */
    RunOutcome run() {
        ProjectHooks hooks = new ProjectHooks(plan, context, recorder, compiler, materializers);
        if (!hooks.start()) {
            runBlocked = "an on-run-start hook failed";
        }
        runReadyTests(); // tests on sources only
        for (String name : plan.order()) {
            PlannedNode node = plan.nodes().get(name);
            if (!plan.selected().contains(name)) {
                runUnitTests(node); // those selected by themselves (resource_type:unit_test)
                markDone(name); // not selected: built earlier
                runReadyTests(); // tests selected by themselves
                continue;
            }
            String reason = node.refs().stream()
                    .filter(blocked::containsKey)
                    .map(blocked::get)
                    .findFirst()
                    .orElse(runBlocked);
            if (reason != null) {
                skip(node, reason);
            } else if (unitTestsPass(node)) {
                build(node);
            }
            markDone(name);
            runReadyTests();
        }
        hooks.end();
        return recorder.outcome();
    }

    private boolean unitTestsPass(PlannedNode node) {
        boolean pass = runUnitTests(node);
        if (!pass) {
            skip(node, "unit test of " + node.name() + " failed");
        }
        return pass;
    }

    /** Runs the selected unit tests of {@code node}; whether they all pass. */
    private boolean runUnitTests(PlannedNode node) {
        boolean pass = true;
        for (UnitTest test : plan.dbt().unitTests()) {
            String id = NodeKind.UNIT_TEST.uniqueId(plan.dbt().packageOf(test.file()), node.name() + "." + test.name());
            if (!test.model().equals(node.name()) || !plan.selectedIds().contains(id)) {
                continue;
            }
            long start = System.nanoTime();
            recorder.compiling(id);
            try {
                requireInputs(test);
                recorder.executing(id);
                UnitTestRunner.Outcome outcome = new UnitTestRunner(
                                context.database(), context.project().renderer())
                        .run(test, node.model(), node.relation(), key -> realTable(node, key));
                recorder.compiled(id, outcome.compiledSql());
                boolean ok = outcome.differences() == 0;
                recorder.result(
                        id,
                        NodeKind.UNIT_TEST,
                        test.file(),
                        ok ? Status.PASS : Status.FAIL,
                        seconds(start),
                        outcome.differences(),
                        ok ? "PASS" : outcome.diff(),
                        -1);
                pass &= ok;
            } catch (SQLException | ConfigurationException e) {
                // a unit test that cannot run is that unit test's error, as in dbt: the rest of the run goes on
                recorder.result(
                        id, NodeKind.UNIT_TEST, test.file(), Status.ERROR, seconds(start), null, e.getMessage(), -1);
                pass = false;
            }
        }
        return pass;
    }

    /** dbt's check when it runs a unit test: every input is {@code this} or a node or source of the project. */
    private void requireInputs(UnitTest test) {
        for (Given given : test.given()) {
            String key = UnitTestRunner.inputKey(given.input(), test.file() + " (unit test " + test.name() + ")");
            boolean known = key.equals("this")
                    || (key.startsWith("ref:") && plan.nodes().containsKey(key.substring(4)))
                    || (key.startsWith("source:") && plan.dbt().sources().containsKey(key.substring(7)));
            if (!known) {
                throw new ConfigurationException(test.file() + ": Unit test '" + test.name() + "' had an input ("
                        + given.input() + ") which was not found in the manifest: give a model, seed or source of"
                        + " the project.");
            }
        }
    }

    /** Skips a node and, through {@code blocked}, everything downstream of it. */
    private void skip(PlannedNode node, String reason) {
        blocked.put(node.name(), reason);
        if (!node.isEphemeral()) {
            recorder.result(
                    node.uniqueId(plan.dbt()),
                    node.kind(),
                    node.file(),
                    Status.SKIPPED,
                    0,
                    null,
                    "skipped: " + reason,
                    -1);
        }
    }

    /**
     * A unit test input's real relation ({@code ref:x}, {@code source:a.b}, or {@code this}: the tested model's),
     * or null when it has none.
     */
    private String[] realTable(PlannedNode tested, String key) {
        if (key.equals("this")) {
            return new String[] {tested.relation().schema(), tested.relation().identifier()};
        }
        if (key.startsWith("ref:")) {
            PlannedNode node = plan.nodes().get(key.substring(4));
            return node == null || node.isEphemeral()
                    ? null
                    : new String[] {node.relation().schema(), node.relation().identifier()};
        }
        Source source = plan.dbt().sources().get(key.substring("source:".length()));
        return source == null || source.externalLocation() != null
                ? null
                : new String[] {source.schema(), source.identifier()};
    }

    private void build(PlannedNode planned) {
        if (planned.isEphemeral()) {
            return; // inlined into its dependants
        }
        String id = planned.uniqueId(plan.dbt());
        long start = System.nanoTime();
        recorder.compiling(id);
        PlannedNode node;
        try {
            node = planned.rendersAtRunTime() ? atRunTime(planned) : planned;
        } catch (EcommerceException | SQLException e) { // a compilation error of this node: the run goes on
            blocked.put(planned.name(), planned.kind().dbtName() + " " + planned.name() + " errored");
            recorder.result(id, planned.kind(), planned.file(), Status.ERROR, seconds(start), null, e.getMessage(), -1);
            return;
        }
        String compiled = node.compiled();
        context.database().startJournal();
        try {
            Materializer.Build build = materializers.prepare(node.materialization(), buildNode(node));
            compiled = build.sql();
            recorder.executing(id);
            runHooks(node, node.config().preHooks());
            long rows = build.run();
            runHooks(node, node.config().postHooks());
            recorder.ran(id, context.database().stopJournal());
            recorder.compiled(id, compiled);
            recorder.result(id, node.kind(), node.file(), Status.SUCCESS, seconds(start), null, "OK", rows);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof EcommerceException other && node.materialization() != Materialization.EXTERNAL) {
                throw other; // only writing an external model's file is the model's own failure, as in dbt
            }
            // Anything else that went wrong building it (a name DuckDB took but Java refused, say) is this
            // node's error: the rest of the build runs and run_results.json is written.
            if (e instanceof EcommerceException fault && !(e instanceof DataException)) {
                recorder.fault(fault); // writing the file failed underneath, or its location is wrong
            }
            recorder.ran(id, context.database().stopJournal());
            recorder.compiled(id, compiled);
            blocked.put(node.name(), node.kind().dbtName() + " " + node.name() + " errored");
            String missing = SourceCheck.missing(plan, context.database(), node.sources());
            String text = e instanceof SQLException || e instanceof EcommerceException ? e.getMessage() : e.toString();
            String message = missing == null ? text : text + "\n(" + missing + ")";
            recorder.result(id, node.kind(), node.file(), Status.ERROR, seconds(start), null, message, -1);
        }
    }

    /**
     * A node whose parse-time render read {@code execute} or used the database, rendered again now, as dbt does
     * when it runs a node: {@code execute} true, the database live, its parents built. A {@code ref()} that the
     * parse-time render did not see fails, as in dbt, since the order of the run did not wait for it.
     */
    private PlannedNode atRunTime(PlannedNode node) throws SQLException {
        materializers.createSchema(node.relation());
        RenderScope scope = liveScope(node, false);
        String rendered = context.project().renderer().render(scope, node.rawCode());
        requireParsedRefs(node.file(), node.name(), node.refs(), scope.refsCalled());
        return node.withRunTimeRender(rendered, compiler.compile(node.refs(), rendered));
    }

    private RenderScope liveScope(PlannedNode node, boolean incremental) {
        return context.project()
                .scope(node.file(), Compiler::mark, incremental, node::relation)
                .live(warehouse);
    }

    private static void requireParsedRefs(String file, String name, Set<String> parsed, Set<String> called) {
        for (String ref : called) {
            if (!parsed.contains(ref)) {
                throw new ConfigurationException(file + ": " + name + " calls ref('" + ref + "') only when it runs"
                        + " (under {% if execute %}, or from the database's answers), so dbt's order cannot know it"
                        + " depends on " + ref + ". Add the line -- depends_on: {{ ref('" + ref + "') }} to " + file
                        + ".");
            }
        }
    }

    /** Runs a node's hooks, each rendered now (with {@code this}), in order; an empty one is skipped, as in dbt. */
    private void runHooks(PlannedNode node, List<String> hooks) throws SQLException {
        for (String hook : hooks) {
            RenderScope scope = liveScope(node, false);
            String sql = compiler.resolve(context.project().renderer().render(scope, hook))
                    .strip();
            if (!sql.isEmpty()) {
                context.database().execute(sql);
            }
        }
    }

    private BuildNode buildNode(PlannedNode node) {
        return node.seed() != null
                ? BuildNode.seed(
                        node.file(), node.relation(), node.config(), node.seed().path())
                : BuildNode.model(
                        node.file(), node.relation(), node.config(), node.compiled(), () -> incrementalSql(node));
    }

    /** An incremental model's SQL rendered again with {@code is_incremental()} true, and compiled. */
    private String incrementalSql(PlannedNode node) {
        if (!node.model().sql().contains("is_incremental")) {
            return node.compiled();
        }
        RenderScope scope = context.project().scope(node.file(), Compiler::mark, true, node::relation);
        if (node.rendersAtRunTime()) {
            scope.live(warehouse);
        }
        return compiler.compile(
                node.refs(),
                context.project().renderer().render(scope, node.model().sql()));
    }

    /** Runs every pending test whose parents have all been processed. */
    private void runReadyTests() {
        List<PlannedTest> tests = new ArrayList<>(readyTests);
        readyTests.clear();
        for (PlannedTest test : tests) {
            String reason = test.parents().stream()
                    .filter(p -> blocked.containsKey(p) && !isBlockedOnlyByTest(p))
                    .map(blocked::get)
                    .findFirst()
                    .orElse(runBlocked);
            if (reason != null) {
                recorder.result(
                        test.uniqueId(), NodeKind.TEST, test.file(), Status.SKIPPED, 0, null, "skipped: " + reason, -1);
                continue;
            }
            runTest(test);
        }
    }

    /**
     * Runs a test as dbt's test materialization does: one query computing the failures and whether they make
     * it warn or fail ({@code warn_if}, {@code error_if}); a warning never blocks its model's dependants.
     */
    private void runTest(PlannedTest test) {
        long start = System.nanoTime();
        recorder.compiling(test.uniqueId());
        String compiled;
        try {
            compiled = test.runTimeRender() == null ? test.sql() : atRunTime(test);
        } catch (EcommerceException e) { // a compilation error of this test
            testError(test, start, e.getMessage());
            return;
        }
        recorder.compiled(test.uniqueId(), compiled);
        String sql = TestSql.failures(test.config(), compiled);
        recorder.ran(test.uniqueId(), sql);
        recorder.executing(test.uniqueId());
        try {
            Map<String, Object> row = context.database().rows(sql, 1).get(0);
            long failures = row.get("failures") instanceof Number n ? n.longValue() : 0;
            boolean error = Boolean.TRUE.equals(row.get("should_error"));
            boolean warn = Boolean.TRUE.equals(row.get("should_warn"));
            String count = "Got " + failures + " result" + (failures == 1 ? "" : "s");
            Status status;
            String message;
            if (error && !test.config().warnOnly()) {
                status = Status.FAIL;
                message = count + ", configured to fail if " + test.config().errorIf();
            } else if (warn) {
                status = Status.WARN;
                message = count + ", configured to warn if " + test.config().warnIf();
            } else {
                status = Status.PASS;
                message = null; // dbt writes no message for a passing test
            }
            recorder.result(
                    test.uniqueId(),
                    NodeKind.TEST,
                    test.file(),
                    status,
                    seconds(start),
                    status == Status.PASS ? 0L : failures,
                    message,
                    -1);
            if (status == Status.FAIL) {
                for (String model : test.blocks()) {
                    blocked.putIfAbsent(model, "test " + test.name() + " failed");
                    testBlocked.add(model);
                }
            }
        } catch (SQLException e) {
            testError(test, start, e.getMessage());
        }
    }

    private void testError(PlannedTest test, long start, String message) {
        recorder.result(test.uniqueId(), NodeKind.TEST, test.file(), Status.ERROR, seconds(start), null, message, -1);
    }

    /** A test whose parse-time render read {@code execute} or used the database, rendered again and compiled. */
    private String atRunTime(PlannedTest test) {
        RenderScope scope = context.project()
                .scope(test.file(), Compiler::mark, false, null)
                .dataTest()
                .live(warehouse);
        PlannedTest.RunTimeRender render = test.runTimeRender();
        String rendered = context.project().renderer().render(scope, render.template(), render.variables());
        requireParsedRefs(test.file(), test.name(), test.parents(), scope.refsCalled());
        return compiler.compile(test.parents(), rendered);
    }

    private boolean isBlockedOnlyByTest(String node) {
        return testBlocked.contains(node) && done.contains(node);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
