package dev.ecommerce.core.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.objects.date.PyishDate;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.artifacts.Artifacts;
import dev.ecommerce.core.transform.execute.Materializers;
import dev.ecommerce.core.transform.project.RunHooks;
import dev.ecommerce.core.transform.render.RenderScope;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a project's {@code on-run-start} and {@code on-run-end} hooks as dbt's {@code safe_run_hooks} does: each
 * hook rendered when it runs (with {@code target}, {@code var}, the project's macros, {@code run_started_at},
 * {@code invocation_id} and, at the end,
 * {@code results}, {@code schemas} and {@code database_schemas}), then run; each recorded as an operation node
 * ({@code operation.<project>.<project>-on-run-start-<index>}) with the message dbt writes. After a failing hook
 * the rest of its kind are skipped.
 */
final class ProjectHooks {

    private static final String FILE = "dbt_project.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Plan plan;
    private final RunContext context;
    private final RunRecorder recorder;
    private final Compiler compiler;
    private final RunHooks hooks;
    private final Materializers materializers;
    /** dbt's {@code run_started_at} and {@code invocation_id}, which hooks often record. */
    private final Map<String, Object> runContext;

    ProjectHooks(Plan plan, RunContext context, RunRecorder recorder, Compiler compiler, Materializers materializers) {
        this.plan = plan;
        this.materializers = materializers;
        this.context = context;
        this.recorder = recorder;
        this.compiler = compiler;
        this.hooks = RunHooks.read(plan.dbt().root());
        this.runContext = Map.of(
                "run_started_at",
                new PyishDate(ZonedDateTime.now(ZoneOffset.UTC)),
                "invocation_id",
                context.sqlFiles().artifacts().invocationId());
    }

    /** Runs the {@code on-run-start} hooks; whether the nodes may run (dbt's {@code skip_nodes_if_on_run_start_fails}). */
    boolean start() {
        if (!hooks.onRunStart().isEmpty()) { // dbt's before_run creates the selected nodes' schemas first
            for (String name : plan.selected()) {
                PlannedNode node = plan.nodes().get(name);
                if (node != null && !node.isEphemeral()) {
                    createSchema(node.relation().schema());
                }
            }
        }
        return run("on-run-start", hooks.onRunStart(), runContext) || !hooks.skipNodesIfStartFails();
    }

    /** Runs the {@code on-run-end} hooks with what the nodes did ({@code results}, {@code schemas}, ...). */
    void end() {
        List<NodeResult> results = recorder.outcome().results();
        Map<String, PlannedNode> relational = new LinkedHashMap<>();
        plan.nodes().values().stream()
                .filter(n -> !n.isEphemeral())
                .forEach(n -> relational.put(n.uniqueId(plan.dbt()), n));
        String database = RunArtifacts.database(plan);
        Set<String> schemas = new LinkedHashSet<>();
        Set<List<String>> databaseSchemas = new LinkedHashSet<>();
        List<Map<String, Object>> nodeResults = new ArrayList<>();
        for (NodeResult result : results) {
            PlannedNode node = relational.get(result.uniqueId());
            if (node != null && !result.status().isFailure() && result.status() != Status.SKIPPED) {
                schemas.add(node.relation().schema());
                databaseSchemas.add(List.of(database, node.relation().schema()));
            }
            boolean hook = result.resourceType().equals(NodeKind.OPERATION.dbtName());
            if (!hook || result.status() == Status.ERROR) { // dbt leaves out the hooks that did not fail
                nodeResults.add(resultContext(result, node, database));
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>(runContext);
        variables.put("results", nodeResults);
        variables.put("schemas", List.copyOf(schemas));
        variables.put("database_schemas", List.copyOf(databaseSchemas));
        run("on-run-end", hooks.onRunEnd(), variables);
    }

    /** One of on-run-end's {@code results}: what dbt's RunResult shows a hook ({@code status}, {@code node}, ...). */
    private Map<String, Object> resultContext(NodeResult result, PlannedNode node, String database) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unique_id", result.uniqueId());
        fields.put("name", result.name());
        fields.put("resource_type", result.resourceType());
        fields.put("original_file_path", result.file());
        fields.put("database", node == null ? null : database);
        fields.put("schema", node == null ? null : node.relation().schema());
        fields.put("alias", node == null ? null : node.relation().identifier());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", result.status().dbtName());
        entry.put("node", fields);
        entry.put("message", result.message());
        entry.put("execution_time", result.seconds());
        entry.put("failures", result.failures());
        entry.put("thread_id", fields.get("resource_type").equals("operation") ? "main" : "Thread-1");
        return entry;
    }

    private void createSchema(String schema) {
        try {
            materializers.createSchema(schema);
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot create schema " + schema + " before the on-run-start hooks: " + e.getMessage(), e);
        }
    }

    /** Runs the hooks of one kind in order; whether none failed. */
    private boolean run(String type, List<String> sqls, Map<String, Object> variables) {
        if (sqls.isEmpty()) {
            return true;
        }
        String project = plan.dbt().name();
        context.log()
                .accept(String.format(
                        Locale.ROOT, "Running %d %s hook%s", sqls.size(), type, sqls.size() == 1 ? "" : "s"));
        boolean failed = false;
        for (int index = 0; index < sqls.size(); index++) {
            String id = NodeKind.OPERATION.uniqueId(project, name(project, type, index));
            String name = project + "." + type + "." + index;
            if (failed) {
                recorder.result(id, NodeKind.OPERATION, FILE, Status.SKIPPED, 0, 1L, name + " skipped", -1);
                continue;
            }
            long start = System.nanoTime();
            recorder.compiling(id);
            RenderScope scope = context.project().scope(FILE, Compiler::mark, false, null);
            String sql =
                    hookSql(compiler.resolve(context.project().renderer().render(scope, sqls.get(index), variables)));
            recorder.compiled(id, sql);
            recorder.executing(id);
            try {
                if (!sql.isEmpty()) {
                    context.database().execute(sql);
                }
                recorder.result(id, NodeKind.OPERATION, FILE, Status.SUCCESS, seconds(start), 0L, name + " passed", -1);
            } catch (SQLException e) {
                failed = true;
                recorder.result(
                        id,
                        NodeKind.OPERATION,
                        FILE,
                        Status.ERROR,
                        seconds(start),
                        1L,
                        name + " failed, error:\n " + e.getMessage(),
                        -1);
            }
        }
        return !failed;
    }

    /**
     * dbt's {@code get_hook_dict}: a rendered hook that is a JSON object ({@code {"sql": ..., "transaction": ...}})
     * runs its {@code sql}; any other text runs as it is.
     */
    static String hookSql(String rendered) {
        String text = rendered.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode hook = JSON.readTree(text);
                if (hook != null && hook.path("sql").isTextual()) {
                    return hook.get("sql").asText().strip();
                }
            } catch (JsonProcessingException e) {
                // not JSON: SQL, as in dbt
            }
        }
        return text;
    }

    /** dbt's name of a hook: {@code <project>-on-run-start-<index>}. */
    private static String name(String project, String type, int index) {
        return project + "-" + type + "-" + index;
    }

    /**
     * The hooks as manifest.json's operation nodes, as dbt's hook parser makes them: path
     * {@code hooks/<name>.sql}, fqn {@code [project, hooks, name]}, tagged with the hook's type.
     */
    static List<Artifacts.ManifestNode> manifestNodes(Plan plan, RunOutcome outcome, String database) {
        String project = plan.dbt().name();
        RunHooks hooks = RunHooks.read(plan.dbt().root());
        List<Artifacts.ManifestNode> nodes = new ArrayList<>();
        for (String type : List.of("on-run-start", "on-run-end")) {
            List<String> sqls = type.equals("on-run-start") ? hooks.onRunStart() : hooks.onRunEnd();
            for (int index = 0; index < sqls.size(); index++) {
                String name = name(project, type, index);
                String id = NodeKind.OPERATION.uniqueId(project, name);
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("enabled", true);
                config.put("tags", List.of());
                config.put("meta", Map.of());
                config.put("materialized", "view");
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("index", index);
                extra.put("relation_name", null);
                nodes.add(new Artifacts.ManifestNode(
                        id,
                        NodeKind.OPERATION.dbtName(),
                        name,
                        "./" + FILE,
                        "hooks/" + name + ".sql",
                        List.of(project, "hooks", name),
                        database,
                        plan.profile().schema(),
                        name,
                        config,
                        List.of(type),
                        List.of(),
                        sqls.get(index),
                        outcome == null ? null : outcome.compiled(id, null), // rendered only when it runs
                        null,
                        extra));
            }
        }
        return nodes;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
