package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What dbt does with a project's configs and naming macros: its own {@code generate_schema_name},
 * {@code generate_alias_name} and {@code generate_database_name}; {@code on_schema_change};
 * {@code full_refresh}; any other key accepted; Jinja in schema files rendered.
 */
class ProjectConfigTest {

    @TempDir
    Path dir;

    @Test
    void aProjectsGenerateSchemaNameAndAliasNameAreHonoured() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        models:
                          test:
                            marts:
                              +schema: marts
                        """)
                .file("macros/naming.sql", """
                        {% macro generate_schema_name(custom_schema_name, node) -%}
                            {%- if custom_schema_name is none -%}{{ target.schema }}
                            {%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
                        {%- endmacro %}
                        {% macro generate_alias_name(custom_alias_name=none, node=none) -%}
                            {%- if node.resource_type == 'model' and 'marts' in node.fqn -%}mart_{{ node.name }}
                            {%- else -%}{{ default__generate_alias_name(custom_alias_name, node) }}{%- endif -%}
                        {%- endmacro %}
                        """)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("models/staging/stg_base.sql", "select * from {{ ref('base') }}")
                .file("models/marts/people.sql", "select id, name from {{ ref('stg_base') }}");

        TransformResult result = project.build();

        assertThat(result.succeeded()).isTrue();
        // dbt's default would be test_schema_marts.people
        assertThat(project.relationType("marts.mart_people")).isEqualTo("VIEW");
        assertThat(project.relationType("test_schema_marts.people")).isNull();
        assertThat(project.relationType("stg_base")).isEqualTo("VIEW");
        assertThat(project.relationType("base")).isEqualTo("BASE TABLE");
        assertThat(project.rowCount("marts.mart_people")).isEqualTo(10);
    }

    @Test
    void generateSchemaNameForEnvIsAvailableAsInDbt() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("macros/naming.sql", """
                        {% macro generate_schema_name(custom_schema_name, node) -%}
                            {{ generate_schema_name_for_env(custom_schema_name, node) }}
                        {%- endmacro %}
                        """)
                .file("models/one.sql", "{{ config(schema='reporting') }} select 1 as id");

        assertThat(project.build().succeeded()).isTrue();

        // not on a target named prod: the target's schema
        assertThat(project.relationType("test_schema.one")).isEqualTo("VIEW");
    }

    @Test
    void aDatabaseOtherThanTheTargetsIsRefusedNamingTheFile() {
        DbtTestProject project =
                new DbtTestProject(dir).file("models/one.sql", "{{ config(database='elsewhere') }} select 1");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "models/one.sql: the relation's database is 'elsewhere', not the target's (test)");
    }

    @Test
    void onSchemaChangeFailLeavesTheTableAndFailsTheModel() throws Exception {
        DbtTestProject project = incremental("fail", "select 1 as id, 'a' as name");
        project.build();
        project.file("models/inc.sql", config("fail") + "select 2 as id, 'b' as name, 3 as extra");

        TransformResult second = project.build();

        assertThat(statuses(second)).containsExactly(Map.entry("model.test.inc", Status.ERROR));
        assertThat(node(second, "model.test.inc").message())
                .contains("models/inc.sql: the source and target schemas of this incremental model are out of sync")
                .contains("added [extra]");
        assertThat(project.rows("select id, name from test_schema.inc")).containsExactly(List.of(1, "a"));
    }

    @Test
    void onSchemaChangeIgnoreLeavesNewColumnsOut() throws Exception {
        DbtTestProject project = incremental(null, "select 1 as id, 'a' as name");
        project.build();
        project.file("models/inc.sql", config(null) + "select 2 as id, 'b' as name, 3 as extra");

        assertThat(project.build().succeeded()).isTrue();

        assertThat(project.rows("select * from test_schema.inc order by id"))
                .containsExactly(List.of(1, "a"), List.of(2, "b"));
    }

    @Test
    void onSchemaChangeAppendNewColumnsAddsThem() throws Exception {
        DbtTestProject project = incremental("append_new_columns", "select 1 as id, 'a' as name");
        project.build();
        project.file("models/inc.sql", config("append_new_columns") + "select 2 as id, 3 as extra");

        assertThat(project.build().succeeded()).isTrue();

        // name, gone from the model, stays (NULL for the new row); extra is added (NULL for the old one)
        assertThat(project.rows("select id, name, extra from test_schema.inc order by id"))
                .containsExactly(java.util.Arrays.asList(1, "a", null), java.util.Arrays.asList(2, null, 3));
    }

    @Test
    void onSchemaChangeSyncAllColumnsAddsDropsAndRetypes() throws Exception {
        DbtTestProject project = incremental("sync_all_columns", "select 1 as id, 'a' as name, 1 as score");
        project.build();
        project.file(
                "models/inc.sql", config("sync_all_columns") + "select 2 as id, 2.5::double as score, true as flag");

        assertThat(project.build().succeeded()).isTrue();

        assertThat(project.rows("select column_name, data_type from information_schema.columns"
                        + " where table_name = 'inc' order by ordinal_position"))
                .containsExactly(List.of("id", "INTEGER"), List.of("score", "DOUBLE"), List.of("flag", "BOOLEAN"));
        assertThat(project.rows("select id, score, flag from test_schema.inc order by id"))
                .containsExactly(java.util.Arrays.asList(1, 1.0, null), List.of(2, 2.5, true));
    }

    @Test
    void anIncrementalModelWithAnyColumnNamesAndALongNameRunsAgain() throws Exception {
        String name = "an_incremental_model_with_a_name_of_fifty_five_characters";
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/" + name + ".sql", config(null) + "select 1 as \"customerId\", count(*) from range(3)");
        project.build();

        TransformResult second = project.build();

        assertThat(statuses(second)).containsExactly(Map.entry("model.test." + name, Status.SUCCESS));
        assertThat(project.rows("select \"customerId\", \"count_star()\" from test_schema." + name))
                .containsExactly(List.of(1, 3L), List.of(1, 3L));
    }

    @Test
    void fullRefreshConfigOverridesTheRun() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/kept.sql", "{{ config(materialized='incremental', full_refresh=false) }} select 1 as id")
                .file(
                        "models/rebuilt.sql",
                        "{{ config(materialized='incremental', full_refresh=true) }} select 1 as id");
        project.build();
        project.build();
        assertThat(project.rowCount("kept")).isEqualTo(2);
        assertThat(project.rowCount("rebuilt")).isEqualTo(1);

        project.run(project.spec(List.of(), true, Map.of()));

        assertThat(project.rowCount("kept"))
                .as("full_refresh: false wins over --full-refresh")
                .isEqualTo(3);
        assertThat(project.rowCount("rebuilt")).isEqualTo(1);
    }

    @Test
    void otherAdaptersConfigsAreAcceptedContractsAreRefusedNamingTheFile() {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        models:
                          test:
                            +bind: false
                            sort_type: interleaved
                        """)
                .file("models/one.sql", "{{ config(materialized='table', sort='id', dist='even') }} select 1 as id");
        assertThat(project.build().succeeded()).isTrue();

        project.file("models/one.sql", "{{ config(contract={'enforced': true}) }} select 1 as id");
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/one.sql")
                .hasMessageContaining("config 'contract': model contracts are not enforced by the embedded engine");
    }

    @Test
    void hooksRunAroundTheirNodeInDbtsOrderWithThis() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        models:
                          test:
                            +pre-hook: "insert into test_schema.audit values ('folder pre {{ this.name }}')"
                            +post-hook:
                              - "insert into test_schema.audit select 'folder post ' || count(*) from {{ this }}"
                        """)
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: one
                            config:
                              post-hook:
                                - sql: "insert into test_schema.audit values ('schema post')"
                                  transaction: true
                        """)
                .file("models/one.sql", """
                        {{ config(materialized='table',
                                  pre_hook="insert into test_schema.audit values ('model pre')") }}
                        select 1 as id union all select 2
                        """);
        project.sql("CREATE SCHEMA test_schema", "CREATE TABLE test_schema.audit (line VARCHAR)");

        TransformResult result = project.build();
        assertThat(result.succeeded()).as("%s", result.nodes()).isTrue();

        assertThat(project.rows("select line from test_schema.audit order by rowid"))
                .containsExactly(
                        List.of("folder pre one"),
                        List.of("model pre"),
                        List.of("folder post 2"),
                        List.of("schema post"));
        assertThat(project.read("target/run/test/models/one.sql")).contains("folder pre one", "schema post");

        project.file("models/one.sql", "{{ config(post_hook='insert into nowhere values (1)') }} select 1 as id");
        TransformResult failed = project.build();
        assertThat(statuses(failed)).containsExactly(Map.entry("model.test.one", Status.ERROR));
        assertThat(node(failed, "model.test.one").message()).contains("nowhere");
    }

    @Test
    void jinjaInASchemaFileThatFailsNamesTheSchemaFile() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/schema.yml", """
                        version: 2
                        sources:
                          - name: raw
                            schema: "{{ var('raw_schema') }}"
                            tables: [{name: t}]
                        """)
                .file("models/one.sql", "select * from {{ source('raw', 't') }}");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/schema.yml")
                .hasMessageContaining("required var 'raw_schema' is not set");
    }

    private DbtTestProject incremental(String onSchemaChange, String sql) {
        return new DbtTestProject(dir).file("models/inc.sql", config(onSchemaChange) + sql);
    }

    private static String config(String onSchemaChange) {
        return "{{ config(materialized='incremental'"
                + (onSchemaChange == null ? "" : ", on_schema_change='" + onSchemaChange + "'") + ") }}\n";
    }
}
