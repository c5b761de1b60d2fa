package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots beyond the suite's two cases: the meta columns' values, hard deletes, YAML-configured snapshots,
 * snapshots in {@code dbt build}'s order with models and tests around them, a failed merge, and the configs
 * the embedded engine refuses.
 */
class SnapshotTest {

    private static final String PEOPLE = """
            id,name,updated_at
            1,Ada,2020-01-01T00:00:00
            2,Ben,2020-01-02T00:00:00
            3,Cleo,2020-01-03T00:00:00
            """;

    @TempDir
    Path dir;

    private DbtTestProject people(String config) {
        return new DbtTestProject(dir)
                .file("seeds/people.csv", PEOPLE)
                .file(
                        "snapshots/people_snapshot.sql",
                        "{% snapshot people_snapshot %}\n{{ config(" + config + ") }}\n"
                                + "select * from {{ ref('people') }}\n{% endsnapshot %}\n");
    }

    private static TransformResult snapshotOnly(DbtTestProject project, String name) {
        return project.run(project.spec(List.of(name), false, Map.of()));
    }

    @Test
    void firstRunComputesTheMetaColumnsAsDbtDoes() throws Exception {
        DbtTestProject project =
                people("strategy='timestamp', unique_key='id', updated_at='updated_at', target_schema='snaps'");

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "snapshot.test.people_snapshot").status())
                .isEqualTo(Status.SUCCESS);
        assertThat(project.rows("SELECT count(*) FROM snaps.people_snapshot WHERE dbt_scd_id = md5(cast(id AS"
                        + " varchar) || '|' || cast(updated_at AS varchar)) AND dbt_updated_at = updated_at AND"
                        + " dbt_valid_from = updated_at AND dbt_valid_to IS NULL"))
                .containsExactly(List.of(3L));
        assertThat(project.rows("SELECT column_name FROM information_schema.columns WHERE table_schema = 'snaps'"
                        + " AND table_name = 'people_snapshot' ORDER BY ordinal_position"))
                .containsExactly(
                        List.of("id"),
                        List.of("name"),
                        List.of("updated_at"),
                        List.of("dbt_scd_id"),
                        List.of("dbt_updated_at"),
                        List.of("dbt_valid_from"),
                        List.of("dbt_valid_to"));
    }

    @Test
    void aChangedRowClosesItsVersionAndAddsOne() throws Exception {
        DbtTestProject project = people("strategy='timestamp', unique_key='id', updated_at='updated_at'");
        project.build();
        project.sql("UPDATE test_schema.people SET name = 'Bea', updated_at = TIMESTAMP '2021-06-01' WHERE id = 2");

        snapshotOnly(project, "people_snapshot");

        assertThat(project.rows("SELECT name, strftime(dbt_valid_from, '%Y-%m-%d'), strftime(dbt_valid_to,"
                        + " '%Y-%m-%d') FROM test_schema.people_snapshot WHERE id = 2 ORDER BY dbt_valid_from"))
                .containsExactly(
                        List.of("Ben", "2020-01-02", "2021-06-01"), java.util.Arrays.asList("Bea", "2021-06-01", null));
        assertThat(project.rowCount("people_snapshot")).isEqualTo(4);
    }

    @Test
    void aUniqueKeyExpressionKeysTheVersions() throws Exception {
        DbtTestProject project =
                people("strategy='timestamp', unique_key=\"'p-' || cast(id as varchar)\", updated_at='updated_at'");
        project.build();
        project.sql("UPDATE test_schema.people SET updated_at = TIMESTAMP '2022-01-01' WHERE id = 1");

        snapshotOnly(project, "people_snapshot");

        assertThat(project.rows("SELECT id, count(*), count(dbt_valid_to) FROM test_schema.people_snapshot"
                        + " GROUP BY id ORDER BY id"))
                .containsExactly(List.of(1L, 2L, 1L), List.of(2L, 1L, 0L), List.of(3L, 1L, 0L));
        assertThat(project.rows("SELECT count(*) FROM test_schema.people_snapshot WHERE dbt_scd_id = md5('p-' ||"
                        + " cast(id AS varchar) || '|' || cast(updated_at AS varchar))"))
                .containsExactly(List.of(4L));
    }

    @Test
    void hardDeletesIgnoredByDefault() throws Exception {
        DbtTestProject project = people("strategy='timestamp', unique_key='id', updated_at='updated_at'");
        project.build();
        project.sql("DELETE FROM test_schema.people WHERE id = 3");

        snapshotOnly(project, "people_snapshot");

        assertThat(project.rows("SELECT count(*) FROM test_schema.people_snapshot WHERE dbt_valid_to IS NULL"))
                .containsExactly(List.of(3L));
    }

    @Test
    void invalidateHardDeletesClosesTheDeletedRow() throws Exception {
        DbtTestProject project =
                people("strategy='timestamp', unique_key='id', updated_at='updated_at', invalidate_hard_deletes=True");
        project.build();
        project.sql("DELETE FROM test_schema.people WHERE id = 3");

        snapshotOnly(project, "people_snapshot");

        assertThat(project.rows("SELECT id FROM test_schema.people_snapshot WHERE dbt_valid_to IS NOT NULL"))
                .containsExactly(List.of(3L));
        assertThat(project.rowCount("people_snapshot")).isEqualTo(3);
    }

    @Test
    void hardDeletesNewRecordAddsADeletedVersionAndRevivesIt() throws Exception {
        DbtTestProject project =
                people("strategy='check', check_cols='all', unique_key='id', hard_deletes='new_record'");
        project.build();
        assertThat(project.rows("SELECT DISTINCT dbt_is_deleted FROM test_schema.people_snapshot"))
                .containsExactly(List.of("False"));
        project.sql("DELETE FROM test_schema.people WHERE id = 3");

        snapshotOnly(project, "people_snapshot");
        snapshotOnly(project, "people_snapshot"); // nothing changed: no second deletion record

        assertThat(project.rows("SELECT name, dbt_is_deleted, dbt_valid_to IS NULL FROM test_schema.people_snapshot"
                        + " WHERE id = 3 ORDER BY dbt_valid_from"))
                .containsExactly(List.of("Cleo", "False", false), List.of("Cleo", "True", true));

        project.sql("INSERT INTO test_schema.people VALUES (3, 'Cleo', TIMESTAMP '2020-01-03')");
        snapshotOnly(project, "people_snapshot");

        assertThat(project.rows("SELECT dbt_is_deleted, dbt_valid_to IS NULL FROM test_schema.people_snapshot"
                        + " WHERE id = 3 ORDER BY dbt_valid_from"))
                .containsExactly(List.of("False", false), List.of("True", false), List.of("False", true));
    }

    @Test
    void metaColumnNamesValidToCurrentAndACompositeKey() throws Exception {
        DbtTestProject project = people("strategy='check', check_cols=['name'], unique_key=['id', 'name'],"
                + " dbt_valid_to_current=\"timestamp '9999-12-31'\","
                + " snapshot_meta_column_names={'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to',"
                + " 'dbt_scd_id': 'scd_id', 'dbt_updated_at': 'changed_at'}");
        project.build();
        project.sql("UPDATE test_schema.people SET name = 'Bea' WHERE id = 2");

        snapshotOnly(project, "people_snapshot");

        // the key holds name: a new name is a new key (the old one is not deleted: hard deletes are ignored)
        assertThat(project.rows("SELECT name, valid_to = timestamp '9999-12-31' FROM test_schema.people_snapshot"
                        + " WHERE id = 2 ORDER BY valid_from"))
                .containsExactly(List.of("Ben", true), List.of("Bea", true));
        assertThat(project.rows("SELECT count(DISTINCT scd_id), count(changed_at) FROM test_schema.people_snapshot"))
                .containsExactly(List.of(4L, 4L));
    }

    @Test
    void aColumnTheQueryGainsIsAddedAndEveryRowChangesUnderCheckAll() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("seeds/newcolumns.csv", SnapshotFiles.NEW_COLUMNS)
                .file(
                        "snapshots/s.sql",
                        SnapshotFiles.snapshot("s", "strategy='check', check_cols='all', unique_key='id'"));
        project.build();

        project.run(project.spec(List.of("s"), false, Map.of("seed_name", "newcolumns")));

        assertThat(project.rowCount("s")).isEqualTo(20);
        assertThat(project.rows("SELECT count(last_initial) FROM test_schema.s WHERE dbt_valid_to IS NULL"))
                .containsExactly(List.of(10L));
    }

    @Test
    void yamlSnapshotRunsInBuildOrderWithItsTestsAndTheModelThatReadsIt() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        snapshots:
                          test:
                            +schema: history
                        """)
                .file("seeds/people.csv", PEOPLE)
                .file("models/staged.sql", "select * from {{ ref('people') }}")
                .file("models/current_people.sql", """
                        {{ config(materialized='table') }}
                        select id, name from {{ ref('people_history') }} where dbt_valid_to is null
                        """)
                .file("snapshots/snapshots.yml", """
                        snapshots:
                          - name: people_history
                            relation: ref('staged')
                            config:
                              unique_key: id
                              strategy: timestamp
                              updated_at: updated_at
                            columns:
                              - name: id
                                data_tests: [unique, not_null]
                        """);

        TransformResult result = project.build();

        List<String> order = result.nodes().stream()
                .map(n -> n.uniqueId())
                .filter(id -> !id.startsWith("test."))
                .toList();
        assertThat(order)
                .containsExactly(
                        "seed.test.people",
                        "model.test.staged",
                        "snapshot.test.people_history",
                        "model.test.current_people");
        assertThat(DbtTestProject.statuses(result))
                .allSatisfy((id, status) -> assertThat(status).isIn(Status.SUCCESS, Status.PASS));
        assertThat(DbtTestProject.count(result, "test", Status.PASS)).isEqualTo(2);
        assertThat(project.rowCount("test_schema_history.people_history")).isEqualTo(3);
        assertThat(project.rows("SELECT id, name FROM test_schema.current_people ORDER BY id"))
                .hasSize(3)
                .isEqualTo(project.rows("SELECT id, name FROM test_schema.people ORDER BY id"));
    }

    @Test
    void aSchemaFileConfiguresAndTestsABlockSnapshotUnderCustomSnapshotPaths() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        snapshot-paths: [history]
                        snapshots:
                          test:
                            strategy: check
                            +unique_key: id
                        """)
                .file("seeds/people.csv", PEOPLE)
                .file("history/people_snapshot.sql", """
                        {# people as they were #}
                        {% snapshot people_snapshot %}
                        select * from {{ ref('people') }}
                        {% endsnapshot %}
                        """)
                .file("history/schema.yml", """
                        snapshots:
                          - name: people_snapshot
                            config:
                              check_cols: [name]
                              alias: people_versions
                            columns:
                              - name: name
                                data_tests:
                                  - accepted_values:
                                      values: [Ada, Ben]
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "snapshot.test.people_snapshot").status())
                .isEqualTo(Status.SUCCESS);
        assertThat(project.rowCount("people_versions")).isEqualTo(3);
        assertThat(DbtTestProject.count(result, "test", Status.FAIL)).isEqualTo(1);
    }

    @Test
    void aProjectsGenerateSchemaNameSeesTheSnapshotAsASnapshot() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("macros/naming.sql", """
                        {% macro generate_schema_name(custom_schema_name, node) -%}
                            {%- if node.resource_type == 'snapshot' -%} snapshots_{{ custom_schema_name }}
                            {%- else -%} {{ target.schema }} {%- endif -%}
                        {%- endmacro %}
                        """)
                .file("seeds/people.csv", PEOPLE)
                .file("snapshots/people.yml", """
                        snapshots:
                          - name: people_history
                            relation: ref('people')
                            config: {schema: history, unique_key: id, strategy: check, check_cols: all}
                        """);

        project.build();

        assertThat(project.relationType("snapshots_history.people_history")).isEqualTo("BASE TABLE");
        assertThat(project.rowCount("snapshots_history.people_history")).isEqualTo(3);
    }

    @Test
    void aYamlSnapshotOfASourceInvalidatesDeletedRows() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/people.csv", PEOPLE)
                .file("models/sources.yml", """
                        sources:
                          - name: raw
                            schema: test_schema
                            tables: [{name: people}]
                        """)
                .file("snapshots/people.yml", """
                        snapshots:
                          - name: people_history
                            relation: source('raw', 'people')
                            config:
                              unique_key: id
                              strategy: timestamp
                              updated_at: updated_at
                              hard_deletes: invalidate
                        """);
        TransformResult first = project.build();
        assertThat(DbtTestProject.statuses(first))
                .containsExactly(
                        Map.entry("seed.test.people", Status.SUCCESS),
                        Map.entry("snapshot.test.people_history", Status.SUCCESS));
        project.sql("DELETE FROM test_schema.people WHERE id = 1");

        snapshotOnly(project, "people_history");

        assertThat(project.rows("SELECT id, dbt_valid_to IS NOT NULL FROM test_schema.people_history ORDER BY id"))
                .containsExactly(List.of(1L, true), List.of(2L, false), List.of(3L, false));
    }

    @Test
    void aUnitTestOfASnapshotFailsNamingTheFile() {
        DbtTestProject project = people("strategy='timestamp', unique_key='id', updated_at='updated_at'")
                .file("models/unit.yml", """
                        unit_tests:
                          - name: t
                            model: people_snapshot
                            given: []
                            expect: {rows: []}
                        """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/unit.yml (unit test t): people_snapshot is a snapshot");
    }

    @Test
    void anotherTargetDatabaseFailsNamingTheFile() {
        DbtTestProject project =
                people("strategy='timestamp', unique_key='id', updated_at='updated_at', target_database='warehouse'");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/people_snapshot.sql (snapshot people_snapshot)")
                .hasMessageContaining("target_database 'warehouse' is not supported");
    }

    @Test
    void artifactsNameTheSnapshotAsDbtDoes() throws Exception {
        DbtTestProject project = people("strategy='timestamp', unique_key='id', updated_at='updated_at'")
                .file("snapshots/more.yml", """
                        snapshots:
                          - name: people_copy
                            relation: ref('people')
                            config: {unique_key: id, strategy: check, check_cols: all}
                        """);

        project.build();

        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(dir.resolve("target/manifest.json").toFile());
        JsonNode node = manifest.path("nodes").path("snapshot.test.people_snapshot");
        assertThat(node.path("resource_type").asText()).isEqualTo("snapshot");
        assertThat(node.path("config").path("materialized").asText()).isEqualTo("snapshot");
        assertThat(node.path("depends_on").path("nodes").get(0).asText()).isEqualTo("seed.test.people");
        assertThat(node.path("raw_code").asText()).contains("{{ ref('people') }}");
        assertThat(node.path("compiled_code").asText()).contains("\"test_schema\".\"people\"");
        JsonNode runResults =
                json.readTree(dir.resolve("target/run_results.json").toFile());
        assertThat(runResults.path("results").findValuesAsText("unique_id"))
                .contains("snapshot.test.people_snapshot", "snapshot.test.people_copy");
        assertThat(Files.readString(dir.resolve("target/compiled/test/snapshots/people_snapshot.sql")))
                .contains("\"test_schema\".\"people\"");
        assertThat(Files.readString(dir.resolve("target/compiled/test/snapshots/more.yml/people_copy.sql")))
                .isEqualToIgnoringWhitespace("select * from \"test_schema\".\"people\"");
    }

    @Test
    void aFailedMergeLeavesThePreviousSnapshotAsItWas() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/v1.sql", """
                        select 1 as id, 10::integer as amount, timestamp '2020-01-01' as updated_at
                        union all select 2, 20, timestamp '2020-01-01'
                        """)
                .file("models/v2.sql", """
                        select 1 as id, 11::bigint as amount, timestamp '2021-01-01' as updated_at
                        union all select 3, 1099511627776::bigint, timestamp '2021-01-01'
                        """)
                .file("snapshots/amounts.sql", """
                        {% snapshot amounts %}
                        {{ config(strategy='timestamp', unique_key='id', updated_at='updated_at') }}
                        select * from {{ ref(var('version', 'v1')) }}
                        {% endsnapshot %}
                        """);
        project.build();
        List<List<Object>> before = project.rows("SELECT * FROM test_schema.amounts ORDER BY id");

        // closing id 1 succeeds, inserting id 3 overflows the integer column: nothing of the run stays
        TransformResult failed = project.run(project.spec(List.of("v2", "amounts"), false, Map.of("version", "v2")));

        assertThat(DbtTestProject.node(failed, "snapshot.test.amounts").status())
                .isEqualTo(Status.ERROR);
        assertThat(DbtTestProject.node(failed, "snapshot.test.amounts").message())
                .contains("out of range");
        assertThat(project.rows("SELECT * FROM test_schema.amounts ORDER BY id"))
                .isEqualTo(before);
        assertThat(project.rows("SELECT count(*) FROM test_schema.amounts WHERE dbt_valid_to IS NULL"))
                .containsExactly(List.of(2L));
    }

    @Test
    void aStrategyOtherThanTimestampOrCheckFailsNamingTheFile() {
        DbtTestProject project = people("strategy='custom', unique_key='id'");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/people_snapshot.sql")
                .hasMessageContaining("strategy 'custom' is not supported");
    }

    @Test
    void aSnapshotWithoutUniqueKeyOrUpdatedAtFailsNamingTheFile() {
        assertThatThrownBy(people("strategy='timestamp', unique_key='id'")::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/people_snapshot.sql")
                .hasMessageContaining("needs updated_at");
        assertThatThrownBy(people("strategy='check', check_cols='all'")::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs a unique_key");
    }

    @Test
    void sqlOutsideASnapshotBlockFailsNamingTheFile() {
        DbtTestProject project = new DbtTestProject(dir).file("snapshots/loose.sql", "select 1 as id");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/loose.sql")
                .hasMessageContaining("{% snapshot name %}");
    }

    @Test
    void aYamlSnapshotRelationMustBeARefOrASource() {
        DbtTestProject project = new DbtTestProject(dir).file("snapshots/s.yml", """
                snapshots:
                  - name: s
                    relation: "main.people"
                    config: {unique_key: id, strategy: check, check_cols: all}
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snapshots/s.yml (snapshot s)")
                .hasMessageContaining("relation must be ref('name') or source('source', 'table')");
    }
}
