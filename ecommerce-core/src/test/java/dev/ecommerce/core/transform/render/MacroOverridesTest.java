package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.Overrides;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A unit test's {@code overrides} as the renderer applies them to one render, and to that render only. */
class MacroOverridesTest {

    private final Renderer renderer = new Renderer(Map.of("my_test", "run_var"), Map.of("MY_TEST", "run_env"), false);

    @Test
    void overridesGlobalAndNamespacedMacrosAndContextVariables() {
        Map<String, Object> macros = new LinkedHashMap<>();
        macros.put("current_timestamp", "'current_timestamp_override'");
        macros.put("dbt.type_int", "'dbt_macro_override'");
        macros.put("dbt_utils.generate_surrogate_key", "'package_macro_override'");
        macros.put("invocation_id", 123);
        RenderScope scope =
                RenderScope.plain("models/m.sql").overriding(new Overrides(macros, Map.of(), Map.of()), null);

        String sql = renderer.render(
                scope,
                "{{ current_timestamp() }}|{{ dbt.current_timestamp() }}|{{ dbt.type_int() }}"
                        + "|{{ dbt_utils.generate_surrogate_key(['a']) }}|{{ invocation_id }}");

        assertThat(sql)
                .isEqualTo("'current_timestamp_override'|'current_timestamp_override'|'dbt_macro_override'"
                        + "|'package_macro_override'|123");
    }

    @Test
    void overridesVarsEnvironmentVariablesAndIsIncrementalForOneRenderOnly() {
        String template = "{{ var('my_test') }} {{ env_var('MY_TEST') }} {{ is_incremental() }}";
        RenderScope overridden = RenderScope.plain("models/m.sql")
                .overriding(
                        new Overrides(
                                Map.of("is_incremental", true),
                                Map.of("my_test", "var_override"),
                                Map.of("MY_TEST", "env_override")),
                        null);

        assertThat(renderer.render(overridden, template)).isEqualTo("var_override env_override true");
        assertThat(renderer.render(RenderScope.plain("models/m.sql"), template)).isEqualTo("run_var run_env false");
    }

    @Test
    void aMacroOverrideDoesNotOutliveItsRender() {
        RenderScope overridden = RenderScope.plain("models/m.sql")
                .overriding(new Overrides(Map.of("type_numeric", "override"), Map.of(), Map.of()), null);
        assertThat(renderer.render(overridden, "{{ type_numeric() }}")).isEqualTo("override");

        assertThatThrownBy(() -> renderer.render(RenderScope.plain("models/m.sql"), "{{ type_numeric() }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/m.sql");
    }

    @Test
    void aMalformedOverrideNameFailsNamingTheFile() {
        RenderScope overridden = RenderScope.plain("models/m.sql")
                .overriding(new Overrides(Map.of("a.b.c", "x"), Map.of(), Map.of()), null);

        assertThatThrownBy(() -> renderer.render(overridden, "select 1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/m.sql")
                .hasMessageContaining("'a.b.c'");
    }
}
