package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code basic/test_adapter_methods.py}: a model that, when it runs ({@code execute}),
 * drops its upstream's schema, checks with {@code adapter.get_relation} that the upstream is gone, creates the
 * schema again and the upstream as a view of {@code select 2 as id} ({@code create_view_as}, {@code run_query});
 * a singular test that reads the model's columns ({@code adapter.get_columns_in_relation}). The model equals
 * {@code expected}.
 */
class BasicAdapterMethodsTest {

    @TempDir
    Path dir;

    @Test
    void theModelRebuildsItsUpstreamThroughTheAdapterAndEqualsExpected() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("tests/get_columns_in_relation.sql", """
                        {% set columns = adapter.get_columns_in_relation(ref('model')) %}
                        {% set limit_query = 0 %}
                        {% if (columns | length) == 0 %}
                            {% set limit_query = 1 %}
                        {% endif %}

                        select 1 as id limit {{ limit_query }}
                        """)
                .file("models/upstream.sql", """
                        select 1 as id
                        """)
                .file("models/expected.sql", """
                        -- make sure this runs after 'model'
                        -- {{ ref('model') }}
                        select 2 as id
                        """)
                .file("models/model.sql", """

                        {% set upstream = ref('upstream') %}

                        {% if execute %}
                            {# don't ever do any of this #}
                            {%- do adapter.drop_schema(upstream) -%}
                            {% set existing = adapter.get_relation(upstream.database, upstream.schema, upstream.identifier) %}
                            {% if existing is not none %}
                                {% do exceptions.raise_compiler_error('expected ' ~ ' to not exist, but it did') %}
                            {% endif %}

                            {%- do adapter.create_schema(upstream) -%}

                            {% set sql = create_view_as(upstream, 'select 2 as id') %}
                            {% do run_query(sql) %}
                        {% endif %}


                        select * from {{ upstream }}
                        """);

        TransformResult result = project.build();

        assertThat(statuses(result))
                .as("%s", result.nodes())
                .containsExactly(
                        java.util.Map.entry("model.test.upstream", Status.SUCCESS),
                        java.util.Map.entry("model.test.model", Status.SUCCESS),
                        java.util.Map.entry("test.test.get_columns_in_relation", Status.PASS),
                        java.util.Map.entry("model.test.expected", Status.SUCCESS));
        project.assertRelationsEqual("model", "expected");
        assertThat(project.rows("SELECT id FROM test_schema.model")).containsExactly(java.util.List.of(2));
        assertThat(project.read("target/compiled/test/tests/get_columns_in_relation.sql"))
                .contains("limit 0");
        assertThat(project.read("target/compiled/test/models/model.sql"))
                .contains("select * from \"test_schema\".\"upstream\"");
    }
}
