package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adapter.dispatch} and {@code return()} in a whole build: the project's {@code dispatch:} config is read
 * from dbt_project.yml, and a macro's returned list feeds a model.
 */
class DispatchTest {

    @TempDir
    Path dir;

    @Test
    void aModelBuildsFromDispatchedAndReturningMacros() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        dispatch:
                          - macro_namespace: test
                            search_order: ['test']
                        """)
                .file("macros/cols.sql", """
                        {% macro wanted_columns() %}{{ return(['a', 'b']) }}{% endmacro %}
                        {% macro label(x) %}{{ return(adapter.dispatch('label', 'test')(x)) }}{% endmacro %}
                        {% macro default__label(x) %}'default ' || {{ x }}{% endmacro %}
                        {% macro duckdb__label(x) %}'duckdb ' || {{ x }}{% endmacro %}
                        """)
                .file("models/labelled.sql", """
                        select {% for c in wanted_columns() %}{{ label("'" ~ c ~ "'") }} as {{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
                        """);

        TransformResult result = project.build();

        assertThat(result.succeeded()).isTrue();
        assertThat(project.rows("select a, b from test_schema.labelled"))
                .containsExactly(List.of("duckdb a", "duckdb b"));
    }

    @Test
    void aMalformedDispatchConfigNamesTheFile() {
        DbtTestProject project = new DbtTestProject(dir).project("dispatch: {test: [test]}\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(project::build)
                .hasMessageContaining("dbt_project.yml: dispatch: must be a list of {macro_namespace:");
    }
}
