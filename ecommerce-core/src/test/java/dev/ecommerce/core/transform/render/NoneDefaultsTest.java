package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Macro signatures with {@code =none} defaults, which Jinjava cannot evaluate, are rewritten without them. */
class NoneDefaultsTest {

    @Test
    void noneDefaultsAreDroppedFromSignaturesOnly() {
        assertThat(Renderer.withoutNoneDefaults("{% macro m(a, b=none, c = None) %}x = none{% endmacro %}"))
                .isEqualTo("{% macro m(a, b, c) %}x = none{% endmacro %}");
        // nested parentheses and strings: the whole signature is read, strings left as they are
        assertThat(Renderer.withoutNoneDefaults("{%- macro m(c=dict(), b=none, where=\"x = null\") -%}{% endmacro %}"))
                .isEqualTo("{%- macro m(c=dict(), b, where=\"x = null\") -%}{% endmacro %}");
        assertThat(Renderer.withoutNoneDefaults("{% test t(model, column_name=none) %}select 1{% endtest %}"))
                .isEqualTo("{% test t(model, column_name) %}select 1{% endtest %}");
    }

    @Test
    void aMacroWithNoneDefaultsRendersWithAndWithoutTheArguments() {
        Renderer renderer = new Renderer(Map.of(), Map.of(), false);
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db"));
        renderer.macros(
                "test",
                Map.of(),
                Map.of(
                        "macros/m.sql",
                        "{% macro m(a, b=none, where=\"x = null\") %}[{{ a }}|{{ b is none }}|{{ where }}]{% endmacro %}"));

        assertThat(renderer.call("t.sql", "m", List.of("1"))).isEqualTo("[1|true|x = null]");
        assertThat(renderer.call("t.sql", "m", java.util.Arrays.asList("1", "2")))
                .isEqualTo("[1|false|x = null]");
    }

    @Test
    void stringDefaultsWithParenthesesOrCommasBecomeVariables() {
        Map<String, Object> constants = new java.util.LinkedHashMap<>();
        assertThat(Renderer.signaturesForJinjava(
                        "{% macro m(order_by='count(*) desc', sep=\"','\", plain='x') %}{% endmacro %}", constants))
                .isEqualTo("{% macro m(order_by=__dbt_default_0, sep=__dbt_default_1, plain='x') %}{% endmacro %}");
        assertThat(constants)
                .containsExactly(Map.entry("__dbt_default_0", "count(*) desc"), Map.entry("__dbt_default_1", "','"));

        Renderer renderer = new Renderer(Map.of(), Map.of(), false);
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db"));
        renderer.macros("test", Map.of(), Map.of("macros/v.sql", """
                {% macro get_values(column, order_by='count(*) desc', max_records=none, sep=",") %}
                order by {{ order_by }} {{ max_records is none }} [{{ sep }}]
                {% endmacro %}
                """));
        assertThat(renderer.call("t.sql", "get_values", List.of("c"))).isEqualTo("order by count(*) desc true [,]");
        assertThat(renderer.call("t.sql", "get_values", List.of("c", "1"))).isEqualTo("order by 1 true [,]");
    }
}
