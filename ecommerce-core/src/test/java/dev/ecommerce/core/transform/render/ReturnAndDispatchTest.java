package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dbt's {@code return()}, macro namespaces and {@code adapter.dispatch} on the embedded renderer. */
class ReturnAndDispatchTest {

    private static Renderer renderer(String type, Map<String, List<String>> dispatch, Map<String, String> macros) {
        return renderer(type, dispatch, Map.of(), macros);
    }

    private static Renderer renderer(
            String type,
            Map<String, List<String>> dispatch,
            Map<String, Map<String, String>> packages,
            Map<String, String> macros) {
        Renderer renderer = new Renderer(Map.of(), Map.of(), false);
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db", "type", type));
        packages.forEach(renderer::packageMacros);
        renderer.macros("my_project", dispatch, macros);
        return renderer;
    }

    private static String render(Renderer renderer, String template) {
        return renderer.render(RenderScope.plain("models/m.sql"), template).strip();
    }

    @Test
    void aMacroReturnsValuesNotText() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/r.sql", """
                {% macro columns() %}
                  ignored text
                  {{ return(['id', 'name']) }}
                  {{ log('never reached') }} more ignored text
                {% endmacro %}
                {% macro settings() %}{% do return({'a': 1, 'b': [2, 3]}) %}{% endmacro %}
                {% macro early(flag) %}
                  {% if flag %}{{ return('early') }}{% endif %}
                  {% for i in range(3) %}{% if i == 1 %}{{ return('loop ' ~ i) }}{% endif %}{% endfor %}
                  {{ return('late') }}
                {% endmacro %}
                {% macro outer() %}{% set inner = columns() %}{{ return(inner | length + 40) }}{% endmacro %}
                {% macro text_only() %}plain {{ 1 + 1 }}{% endmacro %}
                """));

        assertThat(render(renderer, "{% set c = columns() %}{{ c | join(',') }}|{{ c | length }}"))
                .isEqualTo("id,name|2");
        assertThat(render(renderer, "{% set s = settings() %}{{ s.a }}-{{ s['b'][1] }}"))
                .isEqualTo("1-3");
        assertThat(render(renderer, "{{ early(true) }}/{{ early(false) }}")).isEqualTo("early/loop 1");
        assertThat(render(renderer, "{{ outer() }}")).isEqualTo("42");
        assertThat(render(renderer, "{{ text_only() }}")).isEqualTo("plain 2");
    }

    @Test
    void returnOutsideAMacroFailsNamingTheFile() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThatThrownBy(() -> render(renderer, "select {{ return(1) }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/m.sql")
                .hasMessageContaining("return() is only allowed inside a macro");
    }

    @Test
    void namespacesCallTheProjectsAndDbtsMacros() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/n.sql", """
                {% macro generate_alias_name(custom_alias_name=none, node=none) %}mine{% endmacro %}
                {% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}
                """));
        // the project's override wins without a namespace; dbt's own stays callable as dbt.<name>
        assertThat(render(renderer, "{{ generate_alias_name('a', none) }}")).isEqualTo("mine");
        assertThat(render(renderer, "{{ dbt.generate_alias_name('a', none) }}")).isEqualTo("a");
        assertThat(render(renderer, "{{ my_project.twice('ab') }}")).isEqualTo("abab");
    }

    @Test
    void dispatchPrefersTheAdaptersImplementationThenDefault() {
        Map<String, String> macros = Map.of("macros/d.sql", """
                {% macro cast_it(x) %}{{ return(adapter.dispatch('cast_it', 'my_project')(x)) }}{% endmacro %}
                {% macro default__cast_it(x) %}cast({{ x }} as text){% endmacro %}
                {% macro duckdb__cast_it(x) %}{{ x }}::varchar{% endmacro %}
                {% macro only_default() %}{{ adapter.dispatch('only_default')() }}{% endmacro %}
                {% macro default__only_default() %}fallback{% endmacro %}
                """);
        assertThat(render(renderer("duckdb", Map.of(), macros), "{{ cast_it('a') }}"))
                .isEqualTo("a::varchar");
        assertThat(render(renderer("bigquery", Map.of(), macros), "{{ cast_it('a') }}"))
                .isEqualTo("cast(a as text)");
        assertThat(render(renderer("duckdb", Map.of(), macros), "{{ only_default() }}"))
                .isEqualTo("fallback");
        // keyword arguments and a space before the call's parentheses
        assertThat(render(
                        renderer("duckdb", Map.of(), macros),
                        "{{ adapter.dispatch(macro_name='cast_it', macro_namespace='my_project') (x='b') }}"))
                .isEqualTo("b::varchar");
    }

    @Test
    void thePackagesImplementationIsOverriddenByTheProjectsDispatchConfig() {
        Map<String, Map<String, String>> packages = Map.of("our_utils", Map.of("our_utils/macros/u.sql", """
                {% macro greet() %}{{ return(adapter.dispatch('greet', 'our_utils')()) }}{% endmacro %}
                {% macro default__greet() %}package default{% endmacro %}
                {% macro duckdb__greet() %}package duckdb{% endmacro %}
                """));
        Map<String, String> project = Map.of("macros/o.sql", "{% macro duckdb__greet() %}project duckdb{% endmacro %}");

        // without a dispatch config, dbt searches the root project first for a package's namespace
        assertThat(render(renderer("duckdb", Map.of(), packages, project), "{{ our_utils.greet() }}"))
                .isEqualTo("project duckdb");
        // a search order naming only the package skips the project
        Map<String, List<String>> packageOnly = Map.of("our_utils", List.of("our_utils"));
        assertThat(render(renderer("duckdb", packageOnly, packages, project), "{{ greet() }}"))
                .isEqualTo("package duckdb");
        assertThat(render(renderer("postgres", packageOnly, packages, project), "{{ greet() }}"))
                .isEqualTo("package default");
    }

    @Test
    void dispatchFailsWithDbtsMessageNamingWhatItSearched() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThatThrownBy(() -> render(renderer, "{{ adapter.dispatch('nothing_here', 'dbt')() }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/m.sql")
                .hasMessageContaining("In dispatch: No macro named 'nothing_here' found within namespace: 'dbt'")
                .hasMessageContaining("'duckdb__nothing_here', 'default__nothing_here'");
        assertThatThrownBy(() -> render(renderer, "{{ adapter.dispatch('dbt.x')() }}"))
                .hasMessageContaining("Did you mean `adapter.dispatch(\"x\", macro_namespace=\"dbt\")`?");
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        unknown.put("dbt", List.of("no_such_package", "dbt"));
        assertThatThrownBy(() -> render(renderer("duckdb", unknown, Map.of()), "{{ adapter.dispatch('x', 'dbt')() }}"))
                .hasMessageContaining("names the package 'no_such_package'");
    }

    @Test
    void rewritingLeavesOtherTextAlone() {
        assertThat(Dispatch.rewrite("{{ adapter.dispatch('a', 'b')(1, ')') }}"))
                .isEqualTo("{{ __dbt_call(adapter.dispatch('a', 'b'), 1, ')') }}");
        assertThat(Dispatch.rewrite("{% set m = adapter.dispatch('a') %}{{ my_adapter.dispatch('x')(1) }}"))
                .isEqualTo("{% set m = adapter.dispatch('a') %}{{ my_adapter.dispatch('x')(1) }}");
        assertThat(Dispatch.rewrite("{{ adapter.dispatch('a')() }}"))
                .isEqualTo("{{ __dbt_call(adapter.dispatch('a')) }}");
    }

    @Test
    void anInlineIfWithoutElsePrintsNothingWhenFalse() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(render(renderer, "{% for c in ['a', 'b', 'c'] %}{{ c }}{{ ',' if not loop.last }}{% endfor %}"))
                .isEqualTo("a,b,c");
        assertThat(render(renderer, "x >{{ '=' if false -}}1|{{ 'y' if true else 'n' }}|{{ ('p' if false) ~ 'q' }}"))
                .isEqualTo("x >1|y|q");
        assertThat(InlineIf.rewrite("{{ 'a' if b }} {{ \"}}\" if c else d }} {{ x }}"))
                .isEqualTo("{{ 'a' if b else '' }} {{ \"}}\" if c else d }} {{ x }}");
    }

    @Test
    void flagsShowWhatTheEngineRuns() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(render(
                        renderer,
                        "{{ flags.WHICH }} {{ flags.EMPTY }} {{ flags.FULL_REFRESH }} {{ flags.STORE_FAILURES }}"))
                .isEqualTo("build false false false");
        assertThat(render(renderer, "{% if should_store_failures() %}stored{% else %}not stored{% endif %}"))
                .isEqualTo("not stored");
    }

    @Test
    void pythonStringMethodsAndTrailingCommasWork() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/p.sql", """
                {% macro pair(a, b) %}{{ a }}-{{ b }}{% endmacro %}
                """));
        assertThat(render(
                        renderer,
                        "{{ 'AbC'.lower() }} {{ 'x'.upper() }} {{ 'abc'.startswith('ab') }}"
                                + " {{ 'abc'.endswith('x') }} [{{ '  a  '.lstrip() }}|{{ '  a  '.rstrip() }}]"))
                .isEqualTo("abc X true false [a  |  a]");
        assertThat(
                        render(
                                renderer,
                                "{{ pair(a=1, b=2,) }} {{ pair(3,\n 4 , ) }} {{ [1, 2,] | length }} '{{ \"x.lower()\" }}' select f(a,)"))
                .isEqualTo("1-2 3-4 2 'x.lower()' select f(a,)");
    }

    @Test
    void aCallReturningNonePrintsNoneButAnUnknownNameStillFails() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/n.sql", """
                {% macro nothing() %}{{ return(none) }}{% endmacro %}
                {% macro quoted(value) %}'{{ value }}'{% endmacro %}
                """));
        assertThat(render(renderer, "{{ quoted(nothing()) }} {{ quoted() }}")).isEqualTo("'None' 'None'");
        assertThat(render(renderer, "select {{ nothing() }} as x, {{ my_project.nothing() }}"))
                .isEqualTo("select None as x, None");
        assertThat(render(renderer, "{% set v = nothing() %}{{ v is none }}")).isEqualTo("true");
        assertThatThrownBy(() -> render(renderer, "select {{ no_such_variable }}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no_such_variable");
    }

    @Test
    void doDiscardsNoneAndDictKeysAreEvaluated() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(
                        render(
                                renderer,
                                "{% set d = {} %}{% set k = 'orders' %}{% do d.update({k: [1]}) %}"
                                        + "{% do d.update({'plain': 2}) %}{{ d['orders'][0] }} {{ d.plain }} {{ d.k is none }}"))
                .isEqualTo("1 2 true");
        assertThatThrownBy(() -> render(renderer, "{% do no_such_macro_value %}{{ still_unknown }}"))
                .hasMessageContaining("still_unknown");
    }

    @Test
    void aNameSetOnAPathNotTakenPrintsNothingAsInJinja() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/g.sql", """
                {% macro cols(group_by) %}{% if group_by %}{% set extra = group_by ~ ', ' %}{% endif %}select {{ extra }}x{% endmacro %}
                """));
        assertThat(render(renderer, "{{ cols('g') }}|{{ cols(none) }}")).isEqualTo("select g, x|select x");
        assertThat(render(renderer, "{% if false %}{% set later = 1 %}{% endif %}[{{ later }}]"))
                .isEqualTo("[]");
        assertThatThrownBy(() -> render(renderer, "{{ never_set_anywhere }}"))
                .hasMessageContaining("never_set_anywhere");
    }

    @Test
    void aDispatchedCallSpreadsArgsAndKwargs() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/s.sql", """
                {% macro show(a, b=2, c=3) %}{{ a }}{{ b }}{{ c }}{{ varargs | join('') }}{% endmacro %}
                {% macro default__show(a, b=2, c=3) %}[{{ a }}{{ b }}{{ c }}{{ varargs | join('') }}]{% endmacro %}
                {% macro fwd(a) %}{{ return(adapter.dispatch('show')(a, *varargs, **kwargs)) }}{% endmacro %}
                """));
        assertThat(render(renderer, "{{ fwd(1) }} {{ fwd(1, c=9) }} {{ 2 ** 3 }}"))
                .isEqualTo("[123] [129] 8");
        assertThat(Dispatch.splats("model, '**x', **kwargs")).isEqualTo("model, '**x', __dbt_kwargs(kwargs)");
        assertThat(Dispatch.splats("a * b, *rest")).isEqualTo("a * b, __dbt_args(rest)");
    }

    @Test
    void pythonBuiltinsAndDictsWithComputedKeys() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(render(
                        renderer,
                        "{{ set(['b', 'a', 'b']) | length }} {{ set(['a', 'b']) == set(['b', 'a']) }}"
                                + " {% for p in zip([1, 2, 3], ['x', 'y']) %}{{ p[0] }}{{ p[1] }}{% endfor %}"
                                + " {{ local_md5('abc') }} {{ tojson({'a': [1]}) }} {{ fromjson('{\"k\": 2}').k }}"))
                .isEqualTo("2 true 1x2y 900150983cd24fb0d6963f7d28e17f72 {\"a\":[1]} 2");
        assertThat(
                        render(
                                renderer,
                                "{% set d = {} %}{% set c = {'column': 'ID'} %}{% do d.update({c.column: 1}) %}"
                                        + "{% do d.update({c['column'].lower(): 2, 'plain': {'n': 3}}) %}{{ d.ID }} {{ d.id }} {{ d.plain.n }}"))
                .isEqualTo("1 2 3");
    }

    @Test
    void whitespaceControlOnExpressions() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(render(renderer, "where id >  {{- '=' if true }} 0 and x < {{ 1 -}}\n  2 {{ 3 }} 4"))
                .isEqualTo("where id >= 0 and x < 12 3 4");
    }

    @Test
    void stringsAreIndexedAsInPython() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of());
        assertThat(
                        render(
                                renderer,
                                "{% set s = '0abc' %}{{ s[0] }}{{ s[-1] }} {{ '_' + s[0] }} {{ [5, 6][1] }} {{ {'k': 'v'}['k'] }}"))
                .isEqualTo("0c _0 6 v");
    }

    @Test
    void typosStillFailEvenBeforeAMethodOrWhenSetInAnotherMacro() {
        Renderer renderer = renderer("duckdb", Map.of(), Map.of("macros/t.sql", """
                {% macro other() %}{% set columns = 1 %}{{ columns }}{% endmacro %}
                {% macro listed() %}{{ return([1]) }}{% endmacro %}
                """));
        assertThatThrownBy(() -> render(renderer, "{% set l = listed() %}{{ l | length }} {{ after_return_typo }}"))
                .hasMessageContaining("after_return_typo");
        assertThatThrownBy(() -> render(renderer, "select {{ colum_name.lower() }}"))
                .hasMessageContaining("colum_name");
        assertThatThrownBy(() -> render(renderer, "select {{ (colum_name) }}")).hasMessageContaining("colum_name");
        assertThatThrownBy(() -> render(renderer, "select {{ columns }} from t"))
                .hasMessageContaining("columns");
        assertThat(render(renderer, "{{ other() }}")).isEqualTo("1");
    }
}
