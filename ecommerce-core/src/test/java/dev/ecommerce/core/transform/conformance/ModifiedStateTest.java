package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core's {@code tests/functional/defer_state/test_modified_state.py}: a seed, {@code view_model} on it, an
 * ephemeral model on that and {@code table_model} on the ephemeral one; a run's manifest.json is copied to
 * {@code state/} ({@code copy_state}) and {@code state:modified} selects what changed since. The suite lists
 * nodes with {@code dbt ls}; here the same selections build, so an ephemeral model never shows.
 */
class ModifiedStateTest {

    private static final String SEED = "id,name\n1,Alice\n2,Bob\n";
    private static final String TABLE_MODEL = """
            {{ config(materialized='table') }}
            select * from {{ ref('ephemeral_model') }}
            """;

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir)
                .file("seeds/seed.csv", SEED)
                .file("models/table_model.sql", TABLE_MODEL)
                .file("models/view_model.sql", "select * from {{ ref('seed') }}\n")
                .file("models/ephemeral_model.sql", """
                        {{ config(materialized='ephemeral') }}
                        select * from {{ ref('view_model') }}
                        """)
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: view_model
                            columns:
                              - name: id
                                data_tests:
                                  - unique:
                                      config:
                                        severity: error
                                  - not_null
                              - name: name
                        """);
    }

    /** The suite's {@code run_and_save_state}: a whole build, its manifest copied to {@code state/}. */
    private Path runAndSaveState() throws Exception {
        assertThat(statuses(project.build()).values()).containsOnly(Status.SUCCESS, Status.PASS);
        return project.copyState();
    }

    private Set<String> build(Path state, List<String> select, List<String> exclude) {
        return DbtTestProject.statusesByName(project.build(select, exclude, state))
                .keySet();
    }

    @Test
    void changedSeedContents() throws Exception {
        Path state = runAndSaveState();
        assertThat(build(state, List.of("resource_type:seed,state:modified"), List.of()))
                .isEmpty();
        assertThat(build(state, List.of("resource_type:seed"), List.of("state:unmodified")))
                .isEmpty();
        assertThat(build(state, List.of("resource_type:seed,state:unmodified"), List.of()))
                .containsExactly("seed.test.seed");

        project.file("seeds/seed.csv", SEED + "3,carl\n");

        assertThat(build(state, List.of("state:modified"), List.of())).containsExactly("seed.test.seed");
        assertThat(build(state, List.of(), List.of("state:unmodified"))).containsExactly("seed.test.seed");
        assertThat(build(state, List.of("state:modified+"), List.of()))
                .containsExactlyInAnyOrder(
                        "seed.test.seed",
                        "model.test.view_model",
                        "test.test.unique_view_model_id",
                        "test.test.not_null_view_model_id",
                        "model.test.table_model");
        assertThat(project.rowCount("table_model")).isEqualTo(3);
    }

    @Test
    void aSeedOverOneMegabyteIsComparedByItsPath() throws Exception {
        Path state = runAndSaveState();
        StringBuilder big = new StringBuilder(SEED);
        for (int i = 4; big.length() <= 1024 * 1024; i++) {
            big.append(i).append(',').append("x".repeat(62)).append('\n');
        }
        project.file("seeds/seed.csv", big.toString());
        assertThat(build(state, List.of("resource_type:seed,state:modified"), List.of()))
                .containsExactly("seed.test.seed");

        state = project.copyState();
        project.file("seeds/seed.csv", big + "1,test\n");
        // once it is in path mode, a change does not make it modified (dbt's behaviour)
        assertThat(build(state, List.of("resource_type:seed,state:modified"), List.of()))
                .isEmpty();
        assertThat(build(state, List.of("resource_type:seed,state:unmodified"), List.of()))
                .containsExactly("seed.test.seed");
    }

    @Test
    void changedSeedConfig() throws Exception {
        Path state = runAndSaveState();
        project.project("""
                seeds:
                  test:
                    +alias: seed_renamed
                """);

        assertThat(build(state, List.of("resource_type:seed,state:modified"), List.of()))
                .containsExactly("seed.test.seed");
        assertThat(build(state, List.of("resource_type:seed,state:unmodified"), List.of()))
                .isEmpty();
    }

    @Test
    void unrenderedConfigSame() throws Exception {
        Path state = runAndSaveState();
        assertThat(build(state, List.of("resource_type:model,state:modified"), List.of()))
                .isEmpty();

        // although view is the default, dbt sees the explicit config as a change for the unconfigured model
        project.project("""
                models:
                  test:
                    +materialized: view
                """);

        assertThat(build(state, List.of("resource_type:model"), List.of("state:unmodified", "resource_type:test")))
                .containsExactly("model.test.view_model");
        assertThat(build(state, List.of("resource_type:model,state:unmodified"), List.of("resource_type:test")))
                .containsExactly("model.test.table_model");
    }

    @Test
    void changedModelContents() throws Exception {
        Path state = runAndSaveState();
        assertThat(build(state, List.of("state:modified"), List.of())).isEmpty();

        project.file("models/table_model.sql", """
                {{ config(materialized="table") }}

                select * from {{ ref("seed") }}
                """);

        assertThat(build(state, List.of("state:modified"), List.of())).containsExactly("model.test.table_model");
        assertThat(build(state, List.of(), List.of("state:unmodified"))).containsExactly("model.test.table_model");
    }

    @Test
    void ciBuildsOnlyWhatAChangeTouched() throws Exception {
        Path state = runAndSaveState(); // production's last run
        project.sql("CREATE TABLE marker AS SELECT 1 AS untouched", "INSERT INTO test_schema.seed VALUES (9, 'kept')");

        // a change to view_model: CI builds it and everything downstream, and nothing else
        project.file("models/view_model.sql", "select *, upper(name) as shout from {{ ref('seed') }}\n");
        TransformResult result = project.build(List.of("state:modified+"), List.of(), state);

        assertThat(DbtTestProject.statusesByName(result))
                .containsOnlyKeys(
                        "model.test.view_model",
                        "test.test.unique_view_model_id",
                        "test.test.not_null_view_model_id",
                        "model.test.table_model");
        assertThat(statuses(result).values()).containsOnly(Status.SUCCESS, Status.PASS);
        // the seed was not loaded again (the row added after the last run is still there)
        assertThat(project.rowCount("seed")).isEqualTo(3);
        assertThat(project.rows("SELECT shout FROM test_schema.table_model ORDER BY id"))
                .containsExactly(List.of("ALICE"), List.of("BOB"), List.of("KEPT"));
    }

    @Test
    void aManifestThatDbtWroteIsAState() throws Exception {
        Path state = dir.resolve("dbt-state");
        Files.createDirectories(state);
        // as dbt writes them: every config key with its default, what the project set in unrendered_config
        Files.writeString(state.resolve("manifest.json"), """
                {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
                              "dbt_version": "1.10.0", "project_name": "test", "adapter_type": "duckdb"},
                 "nodes": {
                   "model.test.table_model": {
                     "resource_type": "model", "name": "table_model", "fqn": ["test", "table_model"],
                     "checksum": {"name": "sha256", "checksum": "%s"},
                     "config": {"enabled": true, "materialized": "table", "tags": [], "meta": {}, "schema": null,
                                "alias": null, "persist_docs": {}, "on_schema_change": "ignore"},
                     "unrendered_config": {"materialized": "table"}},
                   "model.test.view_model": {
                     "resource_type": "model", "name": "view_model", "fqn": ["test", "view_model"],
                     "checksum": {"name": "sha256", "checksum": "0000"},
                     "config": {"enabled": true, "materialized": "view"},
                     "unrendered_config": {}}
                 },
                 "sources": {}}
                """.formatted(sha256(TABLE_MODEL.strip())));

        // view_model's checksum differs; the ephemeral model is new, but never built; the tests are new
        assertThat(build(state, List.of("resource_type:model,state:modified"), List.of("resource_type:test")))
                .containsExactly("model.test.view_model");
        // table_model's file and configs are those dbt saw
        assertThat(build(state, List.of("resource_type:model,state:unmodified"), List.of("resource_type:test")))
                .containsExactly("model.test.table_model");
    }

    @Test
    void ourManifestHoldsDbtsChecksumAndUnrenderedConfig() throws Exception {
        project.build();
        JsonNode nodes = new ObjectMapper()
                .readTree(dir.resolve("target/manifest.json").toFile())
                .get("nodes");

        JsonNode table = nodes.get("model.test.table_model");
        assertThat(table.get("checksum").get("name").asText()).isEqualTo("sha256");
        assertThat(table.get("checksum").get("checksum").asText()).isEqualTo(sha256(TABLE_MODEL.strip()));
        assertThat(table.get("unrendered_config").toString()).isEqualTo("{\"materialized\":\"table\"}");
        assertThat(table.get("fqn").toString()).isEqualTo("[\"test\",\"table_model\"]");
        assertThat(nodes.get("seed.test.seed").get("checksum").get("checksum").asText())
                .isEqualTo(sha256(SEED.strip()));
        JsonNode unique = nodes.get(java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(nodes.fieldNames(), 0), false)
                .filter(id -> id.startsWith("test.test.unique_view_model_id."))
                .findFirst()
                .orElseThrow());
        assertThat(unique.get("checksum").get("name").asText()).isEqualTo("none"); // a generic test has no file
        assertThat(unique.get("unrendered_config").toString()).isEqualTo("{\"severity\":\"error\"}");
    }

    private static final String MACROS = """
            {% macro pick(column) %}{{ quoted(column) }}{% endmacro %}

            {%- macro quoted(column, suffix='') -%}
              {{ column }}{{ suffix }}
            {%- endmacro %}

            {% macro unused() %}1{% endmacro %}
            """;

    /** view_model calls pick, which calls quoted; nothing calls unused. */
    private void useMacros() {
        project.file("macros/columns.sql", MACROS)
                .file("models/view_model.sql", "select {{ pick('id') }} as id, name from {{ ref('seed') }}\n");
    }

    @Test
    void aChangedMacroMarksTheModelsThatCallItThroughOtherMacros() throws Exception {
        useMacros();
        Path state = runAndSaveState();
        project.file("macros/columns.sql", MACROS.replace("{{ column }}{{ suffix }}", "{{ column }}{{ suffix }} "));

        // dbt build takes the tests on a selected model along (indirect selection)
        List<String> viewModelAndTests =
                List.of("model.test.view_model", "test.test.unique_view_model_id", "test.test.not_null_view_model_id");
        assertThat(build(state, List.of("state:modified.macros"), List.of()))
                .containsExactlyInAnyOrderElementsOf(viewModelAndTests);
        assertThat(build(state, List.of("state:modified"), List.of()))
                .containsExactlyInAnyOrderElementsOf(viewModelAndTests);
        assertThat(build(state, List.of("state:unmodified"), List.of())).doesNotContain("model.test.view_model");
        assertThat(build(state, List.of("state:modified+"), List.of()))
                .containsExactlyInAnyOrder(
                        "model.test.view_model",
                        "test.test.unique_view_model_id",
                        "test.test.not_null_view_model_id",
                        "model.test.table_model");
    }

    @Test
    void anUnchangedOrUncalledMacroMarksNothing() throws Exception {
        useMacros();
        Path state = runAndSaveState();

        assertThat(build(state, List.of("state:modified.macros"), List.of())).isEmpty();
        assertThat(build(state, List.of("state:modified"), List.of())).isEmpty();

        project.file("macros/columns.sql", MACROS.replace("1{% endmacro %}", "2{% endmacro %}"));

        assertThat(build(state, List.of("state:modified.macros"), List.of())).isEmpty();
        assertThat(build(state, List.of("state:modified"), List.of())).isEmpty();
    }

    @Test
    void aChangedCustomGenericTestMarksItsTests() throws Exception {
        String positive = """
                {% test is_positive(model, column_name) %}
                  select * from {{ model }} where {{ column_name }} <= 0
                {% endtest %}
                """;
        project.file("tests/generic/is_positive.sql", positive).file("models/schema.yml", """
                version: 2
                models:
                  - name: view_model
                    columns:
                      - name: id
                        data_tests: [is_positive]
                """);
        Path state = runAndSaveState();
        assertThat(build(state, List.of("state:modified.macros"), List.of())).isEmpty();

        project.file("tests/generic/is_positive.sql", positive.replace("<= 0", "< 1"));

        assertThat(build(state, List.of("state:modified.macros"), List.of()))
                .containsExactly("test.test.is_positive_view_model_id");
    }

    @Test
    void theManifestRecordsTheMacrosAndTheOnesEachNodeCalls() throws Exception {
        useMacros();
        runAndSaveState();
        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());

        JsonNode quoted = manifest.get("macros").get("macro.test.quoted");
        assertThat(quoted.get("name").asText()).isEqualTo("quoted");
        assertThat(quoted.get("resource_type").asText()).isEqualTo("macro");
        assertThat(quoted.get("package_name").asText()).isEqualTo("test");
        assertThat(quoted.get("path").asText()).isEqualTo("macros/columns.sql");
        assertThat(quoted.get("original_file_path").asText()).isEqualTo("macros/columns.sql");
        assertThat(quoted.get("macro_sql").asText())
                .isEqualTo("{%- macro quoted(column, suffix='') -%}\n  {{ column }}{{ suffix }}\n{%- endmacro %}");
        assertThat(quoted.get("arguments").findValuesAsText("name")).containsExactly("column", "suffix");
        assertThat(manifest.get("macros")
                        .get("macro.test.pick")
                        .get("depends_on")
                        .get("macros")
                        .toString())
                .isEqualTo("[\"macro.test.quoted\"]");
        assertThat(manifest.get("macros").fieldNames()).toIterable().hasSize(3);
        JsonNode nodes = manifest.get("nodes");
        assertThat(nodes.get("model.test.view_model")
                        .get("depends_on")
                        .get("macros")
                        .toString())
                .isEqualTo("[\"macro.test.pick\"]");
        assertThat(nodes.get("model.test.table_model")
                        .get("depends_on")
                        .get("macros")
                        .toString())
                .isEqualTo("[]");
    }

    @Test
    void aMissingOrUnreadableStateNamesTheSetting() throws Exception {
        assertThatThrownBy(() -> project.build(List.of("state:modified"), List.of(), dir.resolve("nowhere")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No manifest.json in")
                .hasMessageContaining("{{TRANSFORM_STATE}}");
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("manifest.json"), "{not json");
        assertThatThrownBy(() -> project.build(List.of("state:modified"), List.of(), broken))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot read")
                .hasMessageContaining("{{TRANSFORM_STATE}}");
        assertThatThrownBy(() -> project.build("state:modified"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set {{TRANSFORM_STATE}} to the folder of that run's manifest.json");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
