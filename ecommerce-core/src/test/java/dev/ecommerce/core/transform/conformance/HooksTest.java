package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code hooks/test_run_hooks.py}: {@code on-run-start} and {@code on-run-end} in
 * dbt_project.yml run in the order they are written (a create then a drop of the same table), rendered when they
 * run with {@code target}, {@code var}, the project's macros and, at the end, {@code results}, {@code schemas}
 * and {@code database_schemas}; they show in run_results.json as dbt's operation nodes. Our own files.
 */
class HooksTest {

    private static final String START = "operation.test.test-on-run-start-";
    private static final String END = "operation.test.test-on-run-end-";

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir)
                .file("seeds/example_seed.csv", "a,b\n1,2\n3,4\n")
                .file("models/hooks.sql", "select * from {{ ref('example_seed') }}\n")
                .file("macros/hook.sql", """
                        {% macro custom_run_hook(state, target) %}
                          insert into {{ target.schema }}.on_run_hook (test_state, target_schema, target_name)
                          values ('{{ state }}', '{{ target.schema }}', '{{ target.name }}')
                        {% endmacro %}
                        """);
    }

    @Test
    void hooksRunInOrderWithTheirContextAndShowAsOperations() throws Exception {
        project.project("""
                vars:
                  hook_table: from_var
                on-run-start:
                  - "create table {{ target.schema }}.on_run_hook (test_state text, target_schema text, target_name text)"
                  - "{{ custom_run_hook('start', target) }}"
                  - "create table {{ target.schema }}.start_hook_order_test ( id int )"
                  - "drop table {{ target.schema }}.start_hook_order_test"
                  - "create table {{ target.schema }}.{{ var('hook_table') }} (id int)"
                on-run-end:
                  - "{{ custom_run_hook('end', target) }}"
                  - "create table {{ target.schema }}.schemas ( schema text )"
                  - "insert into {{ target.schema }}.schemas (schema) values {% for schema in schemas %}( '{{ schema }}' ){% if not loop.last %},{% endif %}{% endfor %}"
                  - "create table {{ target.schema }}.db_schemas ( db text, schema text )"
                  - "insert into {{ target.schema }}.db_schemas (db, schema) values {% for db, schema in database_schemas %}('{{ db }}', '{{ schema }}' ){% if not loop.last %},{% endif %}{% endfor %}"
                  - "create table {{ target.schema }}.results as select * from (values {% for r in results %}('{{ r.node.unique_id }}', '{{ r.node.name }}', '{{ r.status }}', {{ r.execution_time }}){% if not loop.last %},{% endif %}{% endfor %}) t(unique_id, name, status, seconds)"
                """);
        Instant before = Instant.now();

        TransformResult result = project.build();

        Instant after = Instant.now();
        assertThat(result.succeeded()).as("%s", result.nodes()).isTrue();
        assertThat(project.rows("select test_state, target_schema, target_name from test_schema.on_run_hook"
                        + " order by test_state desc"))
                .containsExactly(List.of("start", "test_schema", "default"), List.of("end", "test_schema", "default"));
        assertThat(project.relationType("start_hook_order_test")).isNull();
        assertThat(project.relationType("from_var")).isEqualTo("BASE TABLE");
        assertThat(project.rows("select * from test_schema.schemas")).containsExactly(List.of("test_schema"));
        assertThat(project.rows("select * from test_schema.db_schemas"))
                .containsExactly(List.of("test", "test_schema"));
        assertThat(project.rows("select unique_id, name, status from test_schema.results order by unique_id"))
                .containsExactly(
                        List.of("model.test.hooks", "hooks", "success"),
                        List.of("seed.test.example_seed", "example_seed", "success"));

        List<String> order = new ArrayList<>(statuses(result).keySet());
        assertThat(order.subList(0, 5)).allMatch(id -> id.startsWith(START));
        assertThat(order.subList(5, 7)).containsExactly("seed.test.example_seed", "model.test.hooks");
        assertThat(order.subList(7, 13)).allMatch(id -> id.startsWith(END));
        assertThat(node(result, START + "1").status()).isEqualTo(Status.SUCCESS);
        assertThat(node(result, START + "1").message()).isEqualTo("test.on-run-start.1 passed");
        assertThat(node(result, START + "1").resourceType()).isEqualTo("operation");
        assertThat(project.log()).contains("Running 5 on-run-start hooks", "Running 6 on-run-end hooks");

        JsonNode results = runResults();
        JsonNode hook = entry(results, START + "0");
        assertThat(hook.get("status").asText()).isEqualTo("success");
        assertThat(hook.get("thread_id").asText()).isEqualTo("main");
        assertThat(hook.get("adapter_response").size()).isZero();
        assertThat(hook.get("failures").asInt()).isZero();
        for (JsonNode entry : results.get("results")) {
            assertTiming(entry, before, after);
        }
        JsonNode operation = new ObjectMapper()
                .readTree(dir.resolve("target/manifest.json").toFile())
                .get("nodes")
                .get(END + "1");
        assertThat(operation.get("resource_type").asText()).isEqualTo("operation");
        assertThat(operation.get("name").asText()).isEqualTo("test-on-run-end-1");
        assertThat(operation.get("path").asText()).isEqualTo("hooks/test-on-run-end-1.sql");
        assertThat(operation.get("original_file_path").asText()).isEqualTo("./dbt_project.yml");
        assertThat(operation.get("fqn").toString()).isEqualTo("[\"test\",\"hooks\",\"test-on-run-end-1\"]");
        assertThat(operation.get("tags").toString()).isEqualTo("[\"on-run-end\"]");
        assertThat(operation.get("index").asInt()).isEqualTo(1);
        assertThat(operation.get("raw_code").asText())
                .isEqualTo("create table {{ target.schema }}.schemas ( schema text )");
        assertThat(operation.get("compiled_code").asText())
                .isEqualTo("create table test_schema.schemas ( schema text )");
    }

    @Test
    void aFailingStartHookSkipsTheOtherStartHooksButTheNodesRunAsDbtDoesByDefault() throws Exception {
        project.project("""
                on-run-start:
                  - "select * from test_schema.no_such_table"
                  - "create table test_schema.never (id int)"
                on-run-end: "create table test_schema.ended (id int)"
                """);

        TransformResult result = project.build();

        assertThat(result.succeeded()).isFalse();
        assertThat(node(result, START + "0").status()).isEqualTo(Status.ERROR);
        assertThat(node(result, START + "0").message())
                .startsWith("test.on-run-start.0 failed, error:\n ")
                .contains("no_such_table");
        assertThat(node(result, START + "1").status()).isEqualTo(Status.SKIPPED);
        assertThat(node(result, START + "1").message()).isEqualTo("test.on-run-start.1 skipped");
        assertThat(project.relationType("never")).isNull();
        assertThat(node(result, "model.test.hooks").status()).isEqualTo(Status.SUCCESS);
        assertThat(node(result, END + "0").status()).isEqualTo(Status.SUCCESS);
        assertThat(project.relationType("ended")).isEqualTo("BASE TABLE");
        assertThat(entry(runResults(), START + "0").get("status").asText()).isEqualTo("error");
    }

    @Test
    void withSkipNodesIfOnRunStartFailsAFailingStartHookSkipsEveryNode() throws Exception {
        project.project("""
                flags:
                  skip_nodes_if_on_run_start_fails: true
                on-run-start: "select * from test_schema.no_such_table"
                on-run-end: "create table test_schema.ended (id int)"
                """).file("models/schema.yml", """
                        version: 2
                        models:
                          - name: hooks
                            columns:
                              - name: a
                                data_tests: [not_null]
                        """);

        TransformResult result = project.build();

        Map<String, Status> statuses = statuses(result);
        assertThat(statuses.get(START + "0")).isEqualTo(Status.ERROR);
        assertThat(statuses.get("seed.test.example_seed")).isEqualTo(Status.SKIPPED);
        assertThat(statuses.get("model.test.hooks")).isEqualTo(Status.SKIPPED);
        assertThat(result.withStatus(Status.SKIPPED))
                .anyMatch(n -> n.resourceType().equals("test"));
        assertThat(project.relationType("hooks")).isNull();
        assertThat(statuses.get(END + "0")).as("%s", result.nodes()).isEqualTo(Status.SUCCESS);
        assertThat(project.rows("select count(*) from test_schema.ended")).containsExactly(List.of(0L));
    }

    @Test
    void hooksSeeTheRunsStartAndInvocationId() throws Exception {
        project.project("""
                on-run-start: "create table {{ target.schema }}.run_context as select '{{ invocation_id }}' as id,
                  '{{ run_started_at.strftime('%Y') }}' as year, '{{ run_started_at }}' as started"
                """);

        project.build();

        List<Object> row = project.rows("select * from test_schema.run_context").get(0);
        assertThat(row.get(0))
                .isEqualTo(runResults().get("metadata").get("invocation_id").asText());
        assertThat(row.get(1))
                .isEqualTo(String.valueOf(
                        java.time.Year.now(java.time.ZoneOffset.UTC).getValue()));
        assertThat((String) row.get(2)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*");
    }

    @Test
    void aHookThatCannotRenderFailsTheBuildNamingTheFile() {
        project.project("""
                on-run-end: "{{ no_such_macro() }}"
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dbt_project.yml")
                .hasMessageContaining("no_such_macro");
    }

    @Test
    void aHookThatIsNotTextIsRefused() {
        project.project("""
                on-run-start:
                  - {sql: "select 1", transaction: true}
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dbt_project.yml: on-run-start: must be a SQL text or a list of SQL texts");
    }

    private JsonNode runResults() throws Exception {
        return new ObjectMapper()
                .readTree(dir.resolve("target/run_results.json").toFile());
    }

    private static JsonNode entry(JsonNode runResults, String uniqueId) {
        for (JsonNode entry : runResults.get("results")) {
            if (entry.get("unique_id").asText().equals(uniqueId)) {
                return entry;
            }
        }
        throw new AssertionError("no run result for " + uniqueId);
    }

    /** dbt's timing: compile then execute, each started before it completed, all within the run. */
    private static void assertTiming(JsonNode entry, Instant before, Instant after) {
        JsonNode timing = entry.get("timing");
        assertThat(timing.size()).as("timing of %s", entry.get("unique_id")).isEqualTo(2);
        assertThat(timing.get(0).get("name").asText()).isEqualTo("compile");
        assertThat(timing.get(1).get("name").asText()).isEqualTo("execute");
        Instant compileStart = Instant.parse(timing.get(0).get("started_at").asText());
        Instant compileEnd = Instant.parse(timing.get(0).get("completed_at").asText());
        Instant executeStart = Instant.parse(timing.get(1).get("started_at").asText());
        Instant executeEnd = Instant.parse(timing.get(1).get("completed_at").asText());
        assertThat(compileStart).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(compileEnd).isAfterOrEqualTo(compileStart);
        assertThat(executeStart).isAfterOrEqualTo(compileEnd);
        assertThat(executeEnd).isAfterOrEqualTo(executeStart).isBeforeOrEqualTo(after);
    }
}
