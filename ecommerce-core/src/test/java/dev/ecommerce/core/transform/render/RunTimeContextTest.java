package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a parse-time render sees of the run-time context: {@code execute} false, the database methods answering
 * as dbt's parser does (none, empty, nothing run), and each read recorded so the node renders again when it
 * runs; a template that reads none of it is rendered once.
 */
class RunTimeContextTest {

    private final Renderer renderer = new Renderer(Map.of(), Map.of(), false);

    @BeforeEach
    void project() {
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db", "type", "duckdb"));
        renderer.macros("test", Map.of(), Map.of());
    }

    @Test
    void aPlainTemplateNeedsNoRunTimeRender() {
        RenderScope scope = RenderScope.plain("models/plain.sql").parsing();

        assertThat(renderer.render(scope, "select {{ 1 + 1 }} as two")).isEqualTo("select 2 as two");
        assertThat(scope.usesRunTime()).isFalse();
    }

    @Test
    void readingExecuteAtParseTimeSeesFalseAndAsksForARunTimeRender() {
        RenderScope scope = RenderScope.plain("models/m.sql").parsing();

        assertThat(renderer.render(scope, "{% if execute %}run{% else %}parse{% endif %}|{{ execute }}"))
                .isEqualTo("parse|False");
        assertThat(scope.usesRunTime()).isTrue();
    }

    @Test
    void theDatabaseMethodsAnswerAsDbtsParserDoesWithoutADatabase() {
        RenderScope scope = RenderScope.plain("models/m.sql").parsing();

        String rendered = renderer.render(
                scope,
                "{{ run_query('select 1') is none }}|{{ adapter.get_relation('db', 'main', 'x') is none }}"
                        + "|{{ adapter.get_columns_in_relation(api.Relation.create(schema='main', identifier='x'))"
                        + " | length }}|{{ adapter.already_exists('main', 'x') }}|{{ load_result('q') is none }}"
                        + "|{% call statement('q', fetch_result=True) %}select 1{% endcall %}"
                        + "{{ graph.nodes | length }}");

        assertThat(rendered).isEqualTo("true|true|0|false|true|0");
        assertThat(scope.usesRunTime()).isTrue();
    }

    @Test
    void aRelationPrintsAsItsQuotedNameWithTheIncludedParts() {
        RenderScope scope = RenderScope.plain("models/m.sql");

        assertThat(renderer.render(
                        scope,
                        "{% set r = api.Relation.create(database='db', schema='main', identifier='orders',"
                                + " type='view') %}{{ r }}|{{ r.include(database=False) }}|{{ r.name }}|{{ r.type }}"
                                + "|{{ r.is_view }}|{{ api.Relation.create(schema='main') }}"))
                .isEqualTo("\"db\".\"main\".\"orders\"|\"main\".\"orders\"|orders|view|true|\"main\"");
    }

    @Test
    void runQueryWithoutTheDatabaseFailsNamingTheFile() {
        RenderScope scope = RenderScope.plain("profiles.yml");

        assertThatThrownBy(() -> renderer.render(scope, "{{ run_query('select 1') }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("profiles.yml: run_query needs the database");
    }

    @Test
    void refAtParseTimeIsARelationMappingAsDbtsPrintedAsTheMark() {
        RenderScope scope = new RenderScope(
                        "models/m.sql", name -> "<" + name + ">", (source, table) -> source + "." + table, false, null)
                .parsing();

        assertThat(renderer.render(
                        scope,
                        "{% set r = ref('orders') %}{{ r }}|{{ r is mapping }}|{{ r.get('metadata', {}).get('type') }}"
                                + "|{{ r.database }}.{{ r.schema }}.{{ r.identifier }}|{{ r.is_cte }}"))
                .isEqualTo("<orders>|true|DuckDBRelation|db.main.orders|false");
        assertThat(scope.refsCalled()).containsExactly("orders");
        assertThat(scope.usesRunTime()).isFalse();
    }
}
