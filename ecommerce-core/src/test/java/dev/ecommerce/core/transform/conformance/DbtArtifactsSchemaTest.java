package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our manifest.json and run_results.json hold what dbt's published JSON schemas (dbt-core 1.10
 * {@code schemas/dbt/manifest/v12.json}, {@code run-results/v6.json}) require of the node types we write, each
 * field with its JSON type, and nothing those schemas forbid ({@code additionalProperties: false}). The
 * required fields and the allowed ones are read off the schemas into the tables below.
 */
class DbtArtifactsSchemaTest {

    /** The fields every resource of a manifest requires: nodes, sources and unit tests. */
    private static final Map<String, String> RESOURCE_REQUIRED = Map.of(
            "name", "string",
            "resource_type", "string",
            "package_name", "string",
            "path", "string",
            "original_file_path", "string",
            "unique_id", "string",
            "fqn", "array");

    /** What seeds, models, singular and generic tests require besides (v12: Seed, Model, SingularTest, GenericTest). */
    private static final Map<String, String> NODE_REQUIRED = with(
            RESOURCE_REQUIRED,
            Map.of("database", "string|null", "schema", "string", "alias", "string", "checksum", "object"));

    private static final Map<String, String> CHECKSUM_REQUIRED = Map.of("name", "string", "checksum", "string");

    private static final Map<String, String> SOURCE_REQUIRED = with(
            RESOURCE_REQUIRED,
            Map.of(
                    "database", "string|null",
                    "schema", "string",
                    "source_name", "string",
                    "source_description", "string",
                    "loader", "string",
                    "identifier", "string"));

    private static final Map<String, String> UNIT_TEST_REQUIRED =
            with(RESOURCE_REQUIRED, Map.of("model", "string", "given", "array", "expect", "object"));

    private static final Map<String, String> MANIFEST_REQUIRED = Map.ofEntries(
            Map.entry("metadata", "object"),
            Map.entry("nodes", "object"),
            Map.entry("sources", "object"),
            Map.entry("macros", "object"),
            Map.entry("docs", "object"),
            Map.entry("exposures", "object"),
            Map.entry("metrics", "object"),
            Map.entry("groups", "object"),
            Map.entry("selectors", "object"),
            Map.entry("disabled", "object|null"),
            Map.entry("parent_map", "object|null"),
            Map.entry("child_map", "object|null"),
            Map.entry("group_map", "object|null"),
            Map.entry("saved_queries", "object"),
            Map.entry("semantic_models", "object"),
            Map.entry("unit_tests", "object"));

    private static final Map<String, String> RUN_RESULTS_REQUIRED =
            Map.of("metadata", "object", "results", "array", "elapsed_time", "number");

    private static final Map<String, String> RESULT_REQUIRED = Map.ofEntries(
            Map.entry("status", "string"),
            Map.entry("timing", "array"),
            Map.entry("thread_id", "string"),
            Map.entry("execution_time", "number"),
            Map.entry("adapter_response", "object"),
            Map.entry("message", "string|null"),
            Map.entry("failures", "integer|null"),
            Map.entry("unique_id", "string"),
            Map.entry("compiled", "boolean|null"),
            Map.entry("compiled_code", "string|null"),
            Map.entry("relation_name", "string|null"));

    /** Fields common to the node types that allow them; each type adds its own below. */
    private static final Set<String> BASE_NODE_ALLOWED = Set.of(
            "alias",
            "build_path",
            "checksum",
            "columns",
            "config",
            "config_call_dict",
            "created_at",
            "database",
            "depends_on",
            "description",
            "doc_blocks",
            "docs",
            "fqn",
            "group",
            "meta",
            "name",
            "original_file_path",
            "package_name",
            "patch_path",
            "path",
            "raw_code",
            "relation_name",
            "resource_type",
            "schema",
            "tags",
            "unique_id",
            "unrendered_config",
            "unrendered_config_call_dict");

    /** What a compiled node (model, tests) allows beyond the base; seeds allow {@code defer_relation}, {@code root_path}. */
    private static final Set<String> COMPILED_ALLOWED = Set.of(
            "_pre_injected_sql",
            "compiled",
            "compiled_code",
            "compiled_path",
            "contract",
            "extra_ctes",
            "extra_ctes_injected",
            "language",
            "metrics",
            "refs",
            "sources");

    private static final Map<String, Set<String>> OWN_ALLOWED = Map.of(
            "seed", Set.of("defer_relation", "root_path"),
            "model",
                    Set.of(
                            "access",
                            "constraints",
                            "defer_relation",
                            "deprecation_date",
                            "freshness",
                            "latest_version",
                            "primary_key",
                            "time_spine",
                            "version"),
            "singular", Set.of(),
            "generic", Set.of("attached_node", "column_name", "file_key_name", "test_metadata"));

    private static final Set<String> SOURCE_ALLOWED = Set.of(
            "columns",
            "config",
            "created_at",
            "database",
            "description",
            "doc_blocks",
            "external",
            "fqn",
            "freshness",
            "identifier",
            "loaded_at_field",
            "loaded_at_query",
            "loader",
            "meta",
            "name",
            "original_file_path",
            "package_name",
            "patch_path",
            "path",
            "quoting",
            "relation_name",
            "resource_type",
            "schema",
            "source_description",
            "source_meta",
            "source_name",
            "tags",
            "unique_id",
            "unrendered_config",
            "unrendered_database",
            "unrendered_schema");

    private static final Set<String> UNIT_TEST_ALLOWED = Set.of(
            "checksum",
            "config",
            "created_at",
            "depends_on",
            "description",
            "expect",
            "fqn",
            "given",
            "model",
            "name",
            "original_file_path",
            "overrides",
            "package_name",
            "path",
            "resource_type",
            "schema",
            "unique_id",
            "version",
            "versions");

    private static final Set<String> MANIFEST_METADATA_ALLOWED = Set.of(
            "dbt_schema_version",
            "dbt_version",
            "generated_at",
            "invocation_id",
            "invocation_started_at",
            "env",
            "project_name",
            "project_id",
            "user_id",
            "send_anonymous_usage_stats",
            "adapter_type",
            "quoting",
            "run_started_at");

    private static final Set<String> RUN_RESULTS_METADATA_ALLOWED = Set.of(
            "dbt_schema_version", "dbt_version", "generated_at", "invocation_id", "invocation_started_at", "env");

    private static final Set<String> RESULT_ALLOWED = Set.of(
            "adapter_response",
            "batch_results",
            "compiled",
            "compiled_code",
            "execution_time",
            "failures",
            "message",
            "relation_name",
            "status",
            "thread_id",
            "timing",
            "unique_id");

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    /** A seed, a model, a source, generic and singular tests and a unit test: one node of each kind. */
    private DbtTestProject project() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/people.csv", "id,name\n1,Ada\n2,Bert\n")
                .file("models/doubled.sql", "select id * 2 as id from {{ ref('people') }}")
                .file("tests/no_negative_ids.sql", "select * from {{ ref('doubled') }} where id < 0")
                .file("models/schema.yml", """
                        version: 2
                        sources:
                          - name: raw
                            tables:
                              - name: events
                                columns:
                                  - name: id
                                    data_tests: [not_null]
                        models:
                          - name: doubled
                            columns:
                              - name: id
                                data_tests:
                                  - unique
                                  - accepted_values: {values: [2, 4], quote: false}
                        unit_tests:
                          - name: doubles_ids
                            model: doubled
                            given:
                              - input: ref('people')
                                rows: [{id: 3}]
                            expect:
                              rows: [{id: 6}]
                        """);
        project.sql("CREATE SCHEMA raw", "CREATE TABLE raw.events AS SELECT 1 AS id");

        return project;
    }

    @Test
    void compiledAndRunFilesAreWhereDbtWritesThem() throws Exception {
        DbtTestProject project = project();

        assertThat(project.build().succeeded()).isTrue();

        assertThat(dir.resolve("target/compiled/test/seeds/people.csv")).doesNotExist(); // seeds compile nothing
        assertThat(project.read("target/run/test/seeds/people.csv")).contains("CREATE OR REPLACE TABLE");
        assertThat(project.read("target/compiled/test/models/doubled.sql"))
                .isEqualTo("select id * 2 as id from \"test_schema\".\"people\"");
        assertThat(project.read("target/run/test/models/doubled.sql"))
                .startsWith("CREATE OR REPLACE VIEW \"test_schema\".\"doubled\" AS")
                .endsWith(";");
        assertThat(project.read("target/compiled/test/models/schema.yml/unique_doubled_id.sql"))
                .contains("count(*) as n_records")
                .doesNotContain("should_error");
        assertThat(project.read("target/run/test/models/schema.yml/unique_doubled_id.sql"))
                .contains("count(*) != 0 as should_error")
                .contains("dbt_internal_test");
        assertThat(project.read("target/compiled/test/models/schema.yml/source_not_null_raw_events_id.sql"))
                .contains("\"raw\".\"events\"");
        assertThat(project.read("target/compiled/test/tests/no_negative_ids.sql"))
                .contains("where id < 0");
    }

    @Test
    void aNodesConfigKeepsEveryKeyAndATestsHasDbtsDefaults() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/one.sql", "{{ config(materialized='table', sort='id') }} select 1 as id")
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: one
                            columns:
                              - name: id
                                data_tests: [not_null]
                        """);

        assertThat(project.build().succeeded()).isTrue();

        JsonNode nodes = new ObjectMapper()
                .readTree(dir.resolve("target/manifest.json").toFile())
                .path("nodes");
        JsonNode model = nodes.path("model.test.one").path("config");
        assertThat(model.path("materialized").asText()).isEqualTo("table");
        assertThat(model.path("sort").asText()).isEqualTo("id");
        assertThat(model.path("on_schema_change").asText()).isEqualTo("ignore");
        JsonNode test = nodes.path("test.test.not_null_one_id.fe01050880");
        assertThat(test.path("config").path("severity").asText()).isEqualTo("ERROR");
        assertThat(test.path("config").path("fail_calc").asText()).isEqualTo("count(*)");
        assertThat(test.path("config").path("warn_if").asText()).isEqualTo("!= 0");
        assertThat(test.path("schema").asText()).isEqualTo("test_schema_dbt_test__audit");
        assertThat(test.path("test_metadata").path("kwargs").path("model").asText())
                .isEqualTo("{{ get_where_subquery(ref('one')) }}");
        assertThat(test.path("attached_node").asText()).isEqualTo("model.test.one");
        assertThat(test.path("raw_code").asText()).isEqualTo("{{ test_not_null(**_dbt_generic_test_kwargs) }}");
    }

    @Test
    void everyFieldDbtsSchemasRequireIsThereWithItsTypeAndNoOther() throws Exception {
        DbtTestProject project = project();

        TransformResult result = project.build();
        assertThat(result.succeeded()).as("%s", result.nodes()).isTrue();

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(dir.resolve("target/manifest.json").toFile());
        check("manifest", manifest, MANIFEST_REQUIRED, null);
        check("manifest metadata", manifest.path("metadata"), Map.of(), MANIFEST_METADATA_ALLOWED);
        Set<String> kinds = new java.util.TreeSet<>();
        manifest.path("nodes").forEach(node -> {
            String type = node.path("resource_type").asText();
            String kind = type.equals("test") ? (node.has("test_metadata") ? "generic" : "singular") : type;
            kinds.add(kind);
            Set<String> allowed = new java.util.HashSet<>(BASE_NODE_ALLOWED);
            allowed.addAll(OWN_ALLOWED.getOrDefault(kind, Set.of()));
            if (!kind.equals("seed")) {
                allowed.addAll(COMPILED_ALLOWED);
            }
            String where = node.path("unique_id").asText();
            check(where, node, NODE_REQUIRED, allowed);
            check(where + " checksum", node.path("checksum"), CHECKSUM_REQUIRED, CHECKSUM_REQUIRED.keySet());
            check(
                    where + " depends_on",
                    node.path("depends_on"),
                    Map.of(),
                    kind.equals("seed") ? Set.of("macros") : Set.of("macros", "nodes"));
            if (kind.equals("generic")) {
                check(
                        where + " test_metadata",
                        node.path("test_metadata"),
                        Map.of(),
                        Set.of("name", "kwargs", "namespace"));
            }
        });
        assertThat(kinds).containsExactly("generic", "model", "seed", "singular");
        manifest.path("sources")
                .forEach(source -> check(source.path("unique_id").asText(), source, SOURCE_REQUIRED, SOURCE_ALLOWED));
        assertThat(manifest.path("sources")).hasSize(1);
        manifest.path("unit_tests").forEach(unit -> {
            String where = unit.path("unique_id").asText();
            check(where, unit, UNIT_TEST_REQUIRED, UNIT_TEST_ALLOWED);
            unit.path("given")
                    .forEach(given -> check(
                            where + " given",
                            given,
                            Map.of("input", "string"),
                            Set.of("input", "rows", "format", "fixture")));
            check(where + " expect", unit.path("expect"), Map.of(), Set.of("rows", "format", "fixture"));
        });
        assertThat(manifest.path("unit_tests")).hasSize(1);

        JsonNode runResults =
                json.readTree(dir.resolve("target/run_results.json").toFile());
        check("run_results", runResults, RUN_RESULTS_REQUIRED, Set.of("metadata", "results", "elapsed_time", "args"));
        check(
                "run_results metadata",
                runResults.path("metadata"),
                Map.of("dbt_schema_version", "string"),
                RUN_RESULTS_METADATA_ALLOWED);
        runResults.path("results").forEach(r -> {
            check(r.path("unique_id").asText(), r, RESULT_REQUIRED, RESULT_ALLOWED);
            r.path("timing").forEach(t -> check("timing", t, Map.of("name", "string"), null));
        });
        assertThat(runResults.path("results")).hasSize(result.nodes().size());

        assertThat(problems).isEmpty();
    }

    /** Records every required field missing or of another type, and every field the schema does not allow. */
    private void check(String where, JsonNode node, Map<String, String> required, Set<String> allowed) {
        if (!node.isObject()) {
            problems.add(where + ": not an object");
            return;
        }
        required.forEach((field, types) -> {
            if (!node.has(field)) {
                problems.add(where + ": missing " + field);
            } else if (!accepts(types, type(node.get(field)))) {
                problems.add(where + ": " + field + " is " + type(node.get(field)) + ", not " + types);
            }
        });
        if (allowed != null) {
            node.fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field) && !required.containsKey(field)) {
                    problems.add(where + ": " + field + " is not in dbt's schema");
                }
            });
        }
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }

    /** JSON schema's types: an integer is a number too. */
    private static boolean accepts(String types, String type) {
        Set<String> allowed = Set.of(types.split("\\|"));
        return allowed.contains(type) || (type.equals("integer") && allowed.contains("number"));
    }

    private static String type(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isArray() ? "array" : "object";
    }
}
