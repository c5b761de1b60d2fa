package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core {@code tests/functional/unit_testing/test_ut_overrides.py} and the overrides case of
 * {@code test_unit_testing.py}: a unit test's {@code overrides} replace a project macro (and a macro by
 * {@code namespace.name}), a var and an environment variable for the rendering of the tested model only.
 * The suite's overrides of dbt's global macros ({@code current_timestamp}, {@code dbt.type_int}) and of a
 * package's ({@code dbt_utils}) need those macros in the model's normal build, which the embedded engine does
 * not provide; the same override mechanism is shown on a project macro and a namespace.
 */
class UnitTestOverridesTest {

    private static final String MODEL = """
            SELECT
            '{{ my_macro() }}' as user_defined_my_macro,
            {{ my_namespaced() }} as namespaced,
            '{{ var('my_test') }}' as var_call,
            '{{ env_var('MY_TEST', 'default') }}' as env_var_call
            """;

    @TempDir
    Path dir;

    @Test
    void overridesReplaceMacrosVarsAndEnvironmentVariablesForTheUnitTestOnly() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("vars:\n  my_test: my_test_var")
                .file("macros/my_macro.sql", """
                        {% macro my_macro() -%}
                          project_macro
                        {%- endmacro %}
                        {% macro my_namespaced() -%}
                          {{ ns.value() if ns is defined else "'no namespace'" }}
                        {%- endmacro %}
                        """)
                .file("models/my_model_with_macros.sql", MODEL)
                .file("models/test_my_model_with_macros.yml", """
                        unit_tests:
                          - name: test_macro_overrides
                            model: my_model_with_macros
                            overrides:
                              macros:
                                my_macro: global_user_defined_macro_override
                                ns.value: "'package_macro_override'"
                              vars:
                                my_test: var_override
                              env_vars:
                                MY_TEST: env_var_override
                            given: []
                            expect:
                              rows:
                                - user_defined_my_macro: "global_user_defined_macro_override"
                                  namespaced: "package_macro_override"
                                  var_call: var_override
                                  env_var_call: env_var_override
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model_with_macros.test_macro_overrides", Status.PASS)
                .containsEntry("model.test.my_model_with_macros", Status.SUCCESS);
        assertThat(project.rows("SELECT user_defined_my_macro, namespaced, var_call, env_var_call"
                        + " FROM test_schema.my_model_with_macros"))
                .as("the model itself is built without the overrides")
                .containsExactly(java.util.List.of("project_macro", "no namespace", "my_test_var", "default"));
    }

    @Test
    void varOverridesHoldForTheirUnitTestOnly() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/my_model.sql", "select '{{ var(\"my_test\") }}' as var_call\n")
                .file("models/schema.yml", """
                        unit_tests:
                          - name: test_overrides
                            model: my_model
                            overrides:
                              vars: {my_test: var_override}
                            given: []
                            expect:
                              rows: [{var_call: var_override}]
                          - name: test_no_overrides
                            model: my_model
                            given: []
                            expect:
                              rows: [{var_call: var_override}]
                        """)
                .project("vars:\n  my_test: my_test_var");

        TransformResult result = project.build();

        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_overrides", Status.PASS)
                .containsEntry("unit_test.test.my_model.test_no_overrides", Status.FAIL)
                .containsEntry("model.test.my_model", Status.SKIPPED);
    }
}
