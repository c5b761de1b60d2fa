package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generic test's {@code model} is a relation, as dbt's {@code get_where_subquery} gives it: packages check it
 * is one (dbt-utils' {@code equality} does) and read its parts; it prints as what to select from, the
 * {@code where} config's subquery included.
 */
class GenericTestModelRelationTest {

    @TempDir
    Path dir;

    @Test
    void theModelArgumentIsARelation() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("macros/is_relation.sql", """
                        {% test about_model(model, label='') %}
                        {% if not (model is mapping and model.get('metadata', {}).get('type', '').endswith('Relation')) %}
                          {{ exceptions.raise_compiler_error('not a relation: ' ~ model) }}
                        {% endif %}
                        select * from {{ model }} where '{{ model.identifier }}' != 'numbers' or n < 0
                        {% endtest %}
                        """)
                .file("models/numbers.sql", "select 1 as n union all select -1")
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: numbers
                            data_tests:
                              - about_model
                              - about_model:
                                  label: positive
                                  config: {where: "n > 0"}
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.count(result, "test", Status.FAIL)).isEqualTo(1); // -1 is found
        assertThat(DbtTestProject.count(result, "test", Status.PASS)).isEqualTo(1); // where n > 0 leaves none
        assertThat(DbtTestProject.count(result, "test", Status.ERROR)).isZero();
    }
}
