package dev.ecommerce.core.transform.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link MacroGraph}: which macros a node calls, and how a macro change reaches the nodes. */
class MacroGraphTest {

    private static final String MACROS = """
            {% macro outer(x) %}{{ inner(x) }}{% endmacro %}
            {% macro inner(x, y=[1, 2]) %}{{ x }}{% endmacro %}
            {% macro coalesce_all(x) %}{{ x }}{% endmacro %}
            """;

    private final MacroGraph graph = MacroGraph.of(
            "shop",
            Map.of("macros/m.sql", MACROS),
            Map.of(
                    "model.shop.a", "select {{ shop.outer('a') }} from t",
                    "model.shop.b", "select coalesce_all(a), outer (b) from t -- SQL, not Jinja",
                    "model.shop.c", "{% set v = coalesce_all('x') %}select {{ v }}"));

    @Test
    void findsTheCallsInJinjaOnlyWithOrWithoutANamespace() {
        assertThat(graph.macrosOf("model.shop.a")).containsExactly("macro.shop.outer");
        assertThat(graph.macrosOf("model.shop.b")).isEmpty();
        assertThat(graph.macrosOf("model.shop.c")).containsExactly("macro.shop.coalesce_all");
        assertThat(graph.macros().get("macro.shop.outer").dependsOn()).containsExactly("macro.shop.inner");
        assertThat(graph.macros().get("macro.shop.inner").arguments()).containsExactly("x", "y");
        assertThat(graph.macros().get("macro.shop.inner").sql())
                .isEqualTo("{% macro inner(x, y=[1, 2]) %}{{ x }}{% endmacro %}");
    }

    @Test
    void aChangeReachesTheNodesThroughTheMacrosThatCallIt() {
        Map<String, String> before = Map.of(
                "macro.shop.outer",
                graph.macros().get("macro.shop.outer").sql(),
                "macro.shop.inner",
                "{% macro inner(x) %}{{ x }} {% endmacro %}",
                "macro.shop.coalesce_all",
                graph.macros().get("macro.shop.coalesce_all").sql(),
                "macro.dbt.removed",
                "{% macro removed() %}{% endmacro %}");

        Set<String> modified = graph.modified(before);

        assertThat(modified).containsExactlyInAnyOrder("macro.shop.inner", "macro.dbt.removed");
        assertThat(graph.callsAny("model.shop.a", modified)).isTrue();
        assertThat(graph.callsAny("model.shop.c", modified)).isFalse();
        assertThat(graph.callsAny("model.shop.a", Set.of())).isFalse();
    }
}
