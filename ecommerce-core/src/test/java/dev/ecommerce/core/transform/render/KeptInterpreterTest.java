package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders share an interpreter while it stays clean: each render still sees only its own names, and the errors
 * and blocks one collected never reach another.
 */
class KeptInterpreterTest {

    private static Renderer renderer() {
        Renderer renderer = new Renderer(Map.of("factor", 3), Map.of(), false);
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db", "type", "duckdb"));
        renderer.macros("my_project", Map.of(), Map.of("macros/m.sql", """
                {% macro times(column, factor) %}({{ column }} * {{ factor }}){% endmacro %}
                {% macro answer() %}{{ return(42) }}{% endmacro %}
                """));
        return renderer;
    }

    private static String render(Renderer renderer, String file, String template) {
        return renderer.render(RenderScope.plain(file), template).strip();
    }

    @Test
    void aRendersNamesAndMacrosStayItsOwn() {
        Renderer renderer = renderer();
        assertThat(render(
                        renderer,
                        "models/a.sql",
                        "{% set x = 'a' %}{% macro local() %}A{% endmacro %}{{ x }}{{ local() }}"))
                .isEqualTo("aA");
        // the next render on the same interpreter: neither x nor local() is defined there
        assertThat(render(renderer, "models/b.sql", "{{ x is defined }}|{{ times('v', var('factor')) }}"))
                .isEqualTo("false|(v * 3)");
        assertThatThrownBy(() -> render(renderer, "models/c.sql", "{{ local() }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/c.sql");
        // and a variable given to one render is gone in the next
        assertThat(renderer.render(RenderScope.plain("tests/t.sql"), "{{ column_name }}", Map.of("column_name", "id"))
                        .strip())
                .isEqualTo("id");
        assertThat(render(renderer, "models/d.sql", "{{ column_name is defined }}"))
                .isEqualTo("false");
    }

    @Test
    void anErrorAfterManyRendersThatReturnedIsStillAnError() {
        // return() is carried as an error inside Jinjava, which keeps 100 errors at most per interpreter: one kept
        // for every render would drop the fatal error of a later render
        Renderer renderer = renderer();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // each return() at another position: errors Jinjava would not merge
            outputs.add(render(renderer, "models/m" + i + ".sql", " ".repeat(i) + "{{ answer() + " + i + " }}"));
        }
        assertThat(outputs).hasSize(150).startsWith("42", "43").endsWith("191");
        assertThat(renderer.interpretersMade()).isEqualTo(1);
        assertThatThrownBy(() -> render(renderer, "models/bad.sql", "select {{ 1 | no_such_filter }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/bad.sql")
                .hasMessageContaining("no_such_filter");
    }

    @Test
    void anErrorAfterManyRendersThatWarnedIsStillAnError() {
        // a warning stays with its interpreter (Jinjava keeps 100 errors at most): one that warned is not kept
        Renderer renderer = renderer();
        for (int i = 0; i < 120; i++) {
            assertThat(render(renderer, "models/w" + i + ".sql", "{{ [1] | map('no_property_" + i + "') | list }}"))
                    .isEqualTo("[null]");
        }
        assertThat(renderer.interpretersMade()).isEqualTo(120);
        assertThatThrownBy(() -> render(renderer, "models/bad.sql", "select {{ 1 | no_such_filter }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/bad.sql")
                .hasMessageContaining("no_such_filter");
    }

    @Test
    void theSameFailureInTwoFilesFailsBoth() {
        Renderer renderer = renderer();
        for (String file : List.of("models/x.sql", "models/y.sql")) {
            assertThatThrownBy(() -> render(renderer, file, "select {{ undefined_thing() }}"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(file);
            assertThat(render(renderer, "models/ok.sql", "select 1")).isEqualTo("select 1");
        }
    }

    @Test
    void blocksOfOneRenderDoNotFillAnother() {
        Renderer renderer = renderer();
        assertThat(render(renderer, "models/a.sql", "{% block body %}first{% endblock %}"))
                .isEqualTo("first");
        assertThat(render(renderer, "models/b.sql", "{% block body %}second{% endblock %}"))
                .isEqualTo("second");
    }
}
