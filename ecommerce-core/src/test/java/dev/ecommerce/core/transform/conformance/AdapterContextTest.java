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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of dbt's context that touch the database or depend on the run, on DuckDB: {@code execute} (false
 * at parse time, true when the node runs, and the run-time render is what runs and what the artifacts show),
 * {@code run_query}, {@code statement}/{@code load_result}, each adapter method, {@code api.Relation.create},
 * {@code exceptions}, {@code modules}, {@code graph.nodes} and {@code builtins.ref}.
 */
class AdapterContextTest {

    @TempDir
    Path dir;

    @Test
    void aModelReadingExecuteRunsItsRunTimeRenderAndTheArtifactsShowIt() throws Exception {
        DbtTestProject project = new DbtTestProject(dir).file("models/phase.sql", """
                {{ config(materialized='table') }}
                {% if execute %}select 'run' as phase{% else %}select 'parse' as phase{% endif %}
                """);

        TransformResult result = project.build();

        assertThat(statuses(result)).containsEntry("model.test.phase", Status.SUCCESS);
        assertThat(project.rows("SELECT phase FROM test_schema.phase")).containsExactly(List.of("run"));
        assertThat(project.read("target/compiled/test/models/phase.sql"))
                .contains("select 'run' as phase")
                .doesNotContain("parse");
        assertThat(project.read("target/run/test/models/phase.sql")).contains("select 'run' as phase");
        assertThat(project.read("target/manifest.json")).contains("select 'run' as phase");
    }

    @Test
    void aPlainModelKeepsItsSingleCachedRenderAndAnExecuteModelIsRenderedEachRun() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/plain.sql", "select 1 as id\n")
                .file("models/live.sql", "{% if execute %}select 2 as id{% else %}select 0 as id{% endif %}\n");
        project.build();
        project.log().clear();

        project.build();

        assertThat(project.log()).anySatisfy(line -> assertThat(line).startsWith("Partial parsing: nothing changed"));
        assertThat(project.rows("select id from test_schema.live")).containsExactly(List.of(2));

        project.file("models/live.sql", "{% if execute %}select 3 as id{% else %}select 0 as id{% endif %}\n");
        project.log().clear();
        project.build();

        assertThat(project.log())
                .anySatisfy(line -> assertThat(line).startsWith("Partial parsing: 1 of 2 models unchanged"));
        assertThat(project.rows("select id from test_schema.live")).containsExactly(List.of(3));
    }

    @Test
    void runQueryReturnsATableOfRowsAndColumns() throws Exception {
        DbtTestProject project = new DbtTestProject(dir).file("models/q.sql", """
                {{ config(materialized='table') }}
                {% set t = run_query("select 1 as a, 'x' as b union all select 2, 'y' order by a") %}
                {% if execute %}
                {% set seen = [] %}{% for row in t %}{% do seen.append(row['b'] ~ row[0]) %}{% endfor %}
                select {{ t.rows[1][0] }} as second_a, '{{ t.rows[0]['b'] }}' as first_b,
                    {{ t.columns[0].values() | sum }} as total, '{{ t.column_names | join(",") }}' as names,
                    {{ t.rows | length }} as n, '{{ seen | join(",") }}' as seen, '{{ t.columns[1].name }}' as second,
                    '{% for name, column in t.columns.items() %}{{ name }}={{ column.values() | join("/") }};{% endfor %}'
                        as by_name
                {% else %}
                select 0 as second_a
                {% endif %}
                """);

        TransformResult result = project.build();

        assertThat(statuses(result)).as("%s", result.nodes()).containsEntry("model.test.q", Status.SUCCESS);
        assertThat(project.rows("SELECT second_a, first_b, total, names, n, seen, second, by_name FROM test_schema.q"))
                .containsExactly(List.of(2, "x", 3, "a,b", 2, "x1,y2", "b", "a=1/2;b=x/y;"));
    }

    @Test
    void aStatementStoresItsResultForLoadResult() throws Exception {
        DbtTestProject project = new DbtTestProject(dir).file("models/s.sql", """
                {{ config(materialized='table') }}
                {% call statement('answer', fetch_result=True) %}select 42 as answer{% endcall %}
                {% call statement('unfetched') %}select 7 as seven{% endcall %}
                {% if execute %}
                {% set r = load_result('answer') %}
                select {{ r['data'][0][0] }} as from_data, {{ r.table.rows[0]['answer'] }} as from_table,
                    '{{ r.response.code }}' as code, {{ load_result('unfetched').data | length }} as unfetched,
                    {{ load_result('never') is none }} as never
                {% else %}
                select 0 as from_data
                {% endif %}
                """);

        TransformResult result = project.build();

        assertThat(statuses(result)).containsEntry("model.test.s", Status.SUCCESS);
        assertThat(project.rows("SELECT from_data, from_table, code, unfetched, never FROM test_schema.s"))
                .containsExactly(List.of(42, 42, "OK", 0, true));
    }

    @Test
    void theAdapterMethodsReadAndChangeTheDatabaseAndKeepTheCatalogueInStep() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/base.sql", "{{ config(materialized='table') }}select 1 as id, 'a' as name\n")
                .file("models/inspect.sql", """
                        {{ config(materialized='table') }}
                        -- depends_on: {{ ref('base') }}
                        {% if execute %}
                        {% set base = api.Relation.create(database=target.database, schema=target.schema,
                            identifier='base', type='table') %}
                        {% set cols = adapter.get_columns_in_relation(base) %}
                        {% set found = adapter.get_relation(database=target.database, schema=target.schema,
                            identifier='base') %}
                        {% set missing = adapter.get_relation(target.database, target.schema, 'nothing_here') %}
                        {% do run_query('create table test_schema.scratch as select 1 as x') %}
                        {% set existed = adapter.already_exists(target.schema, 'scratch') %}
                        {% do adapter.drop_relation(api.Relation.create(schema=target.schema, identifier='scratch')) %}
                        {% set gone = not adapter.already_exists(target.schema, 'scratch') %}
                        {% set listed = adapter.list_relations_without_caching(api.Relation.create(schema=target.schema)) %}
                        {% do adapter.create_schema(api.Relation.create(schema='extra_schema')) %}
                        select '{{ cols | map(attribute='name') | join(",") }}' as names,
                            '{{ cols | map(attribute='dtype') | join(",") }}' as dtypes,
                            '{{ cols[1].quoted }}' as quoted, '{{ found.type }}' as found_type,
                            {{ missing is none }} as missing_none, {{ existed }} as existed, {{ gone }} as gone,
                            '{{ base.render() }}' as printed,
                            '{{ base.include(database=False) }}' as without_database,
                            '{{ listed | map(attribute='identifier') | join(",") }}' as listed,
                            {{ adapter.quote('id') }} as quoted_id, {{ load_relation(this) is none }} as self_missing,
                            '{{ this.database }}' as self_database
                        from {{ ref('base') }}
                        {% else %}
                        select 1 as x
                        {% endif %}
                        """);

        TransformResult result = project.build();

        assertThat(statuses(result)).as("%s", result.nodes()).containsEntry("model.test.inspect", Status.SUCCESS);
        assertThat(project.rows("SELECT names, dtypes, quoted, found_type, missing_none, existed, gone, printed,"
                        + " without_database, listed, quoted_id, self_missing, self_database FROM test_schema.inspect"))
                .containsExactly(List.of(
                        "id,name",
                        "INTEGER,VARCHAR",
                        "\"name\"",
                        "table",
                        true,
                        true,
                        true,
                        "\"test\".\"test_schema\".\"base\"",
                        "\"test_schema\".\"base\"",
                        "base",
                        1,
                        true,
                        "test"));
        assertThat(project.relationType("test_schema.scratch")).isNull();
        assertThat(project.rows(
                        "SELECT schema_name FROM information_schema.schemata WHERE schema_name =" + " 'extra_schema'"))
                .hasSize(1);
    }

    @Test
    void raiseCompilerErrorFailsTheNodeNamingTheFileAndTheRunGoesOn() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/bad.sql", """
                        {% if execute %}{{ exceptions.raise_compiler_error('the value is wrong') }}{% endif %}
                        select 1 as id
                        """)
                .file("models/after_bad.sql", "select * from {{ ref('bad') }}\n")
                .file("models/warned.sql", "{% do exceptions.warn('careful') %}select 2 as id\n");

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsEntry("model.test.bad", Status.ERROR)
                .containsEntry("model.test.after_bad", Status.SKIPPED)
                .containsEntry("model.test.warned", Status.SUCCESS);
        assertThat(node(result, "model.test.bad").message())
                .contains("models/bad.sql")
                .contains("the value is wrong");
        assertThat(project.read("target/run_results.json")).contains("the value is wrong");
    }

    @Test
    void raiseCompilerErrorAtParseTimeFailsTheRunNamingTheFile() {
        DbtTestProject project =
                new DbtTestProject(dir).file("models/broken.sql", "{{ exceptions.raise_compiler_error('no way') }}\n");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/broken.sql")
                .hasMessageContaining("no way");
    }

    @Test
    void aRefSeenOnlyAtRunTimeFailsTheNodeWithDbtsHint() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/base.sql", "select 1 as id\n")
                .file("models/hidden.sql", "{% if execute %}select * from {{ ref('base') }}{% endif %}\n");

        TransformResult result = project.build();

        assertThat(statuses(result)).containsEntry("model.test.hidden", Status.ERROR);
        assertThat(node(result, "model.test.hidden").message())
                .contains("models/hidden.sql")
                .contains("-- depends_on: {{ ref('base') }}");
    }

    @Test
    void modulesDatetimeAndReWorkAsInPython() throws Exception {
        DbtTestProject project = new DbtTestProject(dir).file("models/m.sql", """
                {{ config(materialized='table') }}
                {% set dt = modules.datetime %}
                select '{{ dt.date(2024, 2, 29).strftime("%Y/%m/%d") }}' as d,
                    '{{ dt.datetime(2024, 1, 2, 3, 4, 5) }}' as stamp,
                    '{{ dt.date(2024, 1, 31).plus(dt.timedelta(days=1)) }}' as next_day,
                    {{ dt.timedelta(hours=36).days }} as days,
                    {{ dt.datetime.now().year >= 2024 }} as recent,
                    '{{ modules.re.match('^a([0-9]+)', 'a123b').group(1) }}' as matched,
                    {{ modules.re.match('b', 'abc') is none }} as no_match,
                    '{{ modules.re.search('([a-z])@', 'me x@y').group(1) }}' as searched,
                    '{{ modules.re.sub('[aeiou]', '_', 'banana') }}' as replaced,
                    '{{ modules.re.findall('[0-9]', 'a1b2') | join(",") }}' as found,
                    '{{ modules.re.compile('^s_').sub('', 's_orders') }}' as compiled
                """);

        TransformResult result = project.build();

        assertThat(statuses(result)).as("%s", result.nodes()).containsEntry("model.test.m", Status.SUCCESS);
        assertThat(project.rows("SELECT * FROM test_schema.m"))
                .containsExactly(List.of(
                        "2024/02/29",
                        "2024-01-02 03:04:05",
                        "2024-02-01",
                        1,
                        true,
                        "123",
                        true,
                        "x",
                        "b_n_n_",
                        "1,2",
                        "orders"));
    }

    @Test
    void graphNodesListTheProjectsNodesAsTheManifestDoes() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/base.sql", "{{ config(tags=['core']) }}select 1 as id\n")
                .file("models/staging/stg.sql", "select * from {{ ref('base') }}\n")
                .file("models/g.sql", """
                        {{ config(materialized='table') }}
                        {% if execute %}
                        {% set found = [] %}
                        {% for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') %}
                        {% do found.append(node.unique_id ~ '|' ~ node.name ~ '|' ~ node.package_name ~ '|'
                            ~ node.config.materialized ~ '|' ~ node.fqn | join('.') ~ '|' ~ node.tags | join('+')
                            ~ '|' ~ node.depends_on.nodes | join('+')) %}
                        {% endfor %}
                        select '{{ found | sort | join(";") }}' as models
                        {% else %}
                        select '' as models
                        {% endif %}
                        """);

        TransformResult result = project.build();

        assertThat(statuses(result)).as("%s", result.nodes()).containsEntry("model.test.g", Status.SUCCESS);
        assertThat(project.rows("SELECT models FROM test_schema.g"))
                .containsExactly(List.of("model.test.base|base|test|view|test.base|core|;"
                        + "model.test.g|g|test|table|test.g||;"
                        + "model.test.stg|stg|test|view|test.staging.stg||model.test.base"));
    }

    @Test
    void builtinsRefIsDbtsRef() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/base.sql", "select 5 as id\n")
                .file("models/via_builtins.sql", "select * from {{ builtins.ref('base') }}\n");

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsExactly(
                        java.util.Map.entry("model.test.base", Status.SUCCESS),
                        java.util.Map.entry("model.test.via_builtins", Status.SUCCESS));
        assertThat(project.rows("SELECT id FROM test_schema.via_builtins")).containsExactly(List.of(5));
    }

    @Test
    void theDatabaseIsNotThereWhileTheProjectIsRead() {
        DbtTestProject project = new DbtTestProject(dir).file("macros/m.sql", """
                {% set t = run_query('select 1') %}
                {% macro m() %}1{% endmacro %}
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("macros/m.sql")
                .hasMessageContaining("run_query needs the database");
    }

    @Test
    void aGenericTestUsingTheAdapterIsRenderedWhenItRuns() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("macros/has_columns.sql", """
                        {% test has_columns(model, expected) %}
                        {% set names = adapter.get_columns_in_relation(model) | map(attribute='name') | join(',') %}
                        select 1 as failure where '{{ names }}' != '{{ expected }}'
                        {% endtest %}
                        """)
                .file("models/base.sql", "select 1 as id, 'a' as name\n")
                .file("models/schema.yml", """
                        models:
                          - name: base
                            data_tests:
                              - has_columns:
                                  expected: "id,name"
                              - has_columns:
                                  expected: "id"
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.count(result, "test", Status.PASS))
                .as("%s", result.nodes())
                .isEqualTo(1);
        assertThat(DbtTestProject.count(result, "test", Status.FAIL)).isEqualTo(1);
        assertThat(project.read("target/manifest.json")).contains("where 'id,name' != 'id,name'");
    }

    @Test
    void createTableAsAndCreateViewAsWriteDbtsDdl() throws Exception {
        DbtTestProject project = new DbtTestProject(dir).file("models/maker.sql", """
                {% set four = 0 %}
                {% if execute %}
                {% do run_query(create_table_as(False, api.Relation.create(database=target.database,
                    schema=target.schema, identifier='made'), 'select 3 as three')) %}
                {% do run_query(create_table_as(True, api.Relation.create(schema=target.schema, identifier='scratch'),
                    'select 4 as four')) %}
                {% do run_query(create_view_as(api.Relation.create(schema=target.schema, identifier='seen'),
                    'select 5 as five')) %}
                {% set four = run_query('select four from scratch').columns[0].values()[0] %}
                {% endif %}
                select {{ four }} as id
                """);

        TransformResult result = project.build();

        assertThat(statuses(result)).as("%s", result.nodes()).containsEntry("model.test.maker", Status.SUCCESS);
        assertThat(project.rows("SELECT id FROM test_schema.maker")).containsExactly(List.of(4));
        assertThat(project.rows("SELECT three FROM test_schema.made")).containsExactly(List.of(3));
        assertThat(project.relationType("test_schema.made")).isEqualTo("BASE TABLE");
        assertThat(project.relationType("test_schema.scratch")).as("temporary").isNull();
        assertThat(project.relationType("test_schema.seen")).isEqualTo("VIEW");
    }

    @Test
    void aPackageStyleMacroQueriesTheDatabaseThroughDispatchStatementAndReturn() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("macros/column_values.sql", """
                        {% macro column_values(relation, column, fallback=none) -%}
                          {{ return(adapter.dispatch('column_values', 'test')(relation, column, fallback)) }}
                        {%- endmacro %}

                        {% macro default__column_values(relation, column, fallback) -%}
                          {%- if not execute -%}
                            {{ return(fallback if fallback else []) }}
                          {%- endif -%}
                          {%- if relation.is_cte -%}
                            {{ exceptions.raise_compiler_error(relation.name ~ ' is ephemeral ('
                                ~ api.Relation.add_ephemeral_prefix('x') ~ ')') }}
                          {%- endif -%}
                          {%- if load_relation(relation) is none -%}
                            {{ return(fallback) }}
                          {%- endif -%}
                          {%- call statement('column_values', fetch_result=true) -%}
                            select {{ column }} from {{ relation }} group by 1 order by 1
                          {%- endcall -%}
                          {{ return(load_result('column_values')['data'] | map(attribute=0) | list) }}
                        {%- endmacro %}
                        """)
                .file("models/colors.sql", """
                        {{ config(materialized='table') }}
                        select 'red' as color union all select 'blue' union all select 'red'
                        """)
                .file("models/counts.sql", """
                        {{ config(materialized='table') }}
                        select
                        {% for c in column_values(ref('colors'), 'color') %}
                          sum(case when color = '{{ c }}' then 1 else 0 end) as {{ c }}_count{% if not loop.last %},{% endif %}
                        {% endfor %}
                        {% if not execute %}1 as placeholder{% endif %}
                        from {{ ref('colors') }}
                        """)
                .file("models/eph.sql", "{{ config(materialized='ephemeral') }}select 1 as x\n")
                .file("models/on_eph.sql", """
                        {% set v = column_values(ref('eph'), 'x') %}
                        select * from {{ ref('eph') }}
                        """)
                .file("models/fallback.sql", """
                        {{ config(materialized='table') }}
                        {% set v = column_values(api.Relation.create(schema=target.schema, identifier='nope'), 'x',
                            ['nothing']) %}
                        select '{{ v | join(",") }}' as v
                        """);

        TransformResult result = project.build();

        assertThat(statuses(result))
                .as("%s", result.nodes())
                .containsEntry("model.test.counts", Status.SUCCESS)
                .containsEntry("model.test.fallback", Status.SUCCESS)
                .containsEntry("model.test.on_eph", Status.ERROR);
        assertThat(project.rows("SELECT blue_count::INTEGER, red_count::INTEGER FROM test_schema.counts"))
                .containsExactly(List.of(1, 2));
        assertThat(project.rows("SELECT v FROM test_schema.fallback")).containsExactly(List.of("nothing"));
        assertThat(node(result, "model.test.on_eph").message())
                .contains("models/on_eph.sql")
                .contains("__dbt__cte__eph is ephemeral (__dbt__cte__x)");
    }
}
