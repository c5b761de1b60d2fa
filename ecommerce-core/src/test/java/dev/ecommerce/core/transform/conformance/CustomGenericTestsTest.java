package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's own generic tests ({@code {% test %}} blocks in {@code tests/generic/} and {@code macros/}) on a
 * model, a seed and a source, with and without a column, their arguments in the entry or under
 * {@code arguments:}, {@code where} applied to {@code model}; and a project's own implementation of a built-in
 * test, which wins as in dbt.
 */
class CustomGenericTestsTest {

    @TempDir
    Path dir;

    DbtTestProject project;

    @BeforeEach
    void files() {
        project = new DbtTestProject(dir)
                .file("seeds/people.csv", "id,name\n1,Ada\n2,Bert\n3,Cleo\n4,Dirk\n")
                .file("models/evens.sql", "select id * 2 as id from {{ ref('people') }}")
                .file("tests/generic/is_even.sql", """
                        {% test is_even(model, column_name) %}
                        select * from {{ model }} where {{ column_name }} % 2 = 1
                        {% endtest %}
                        """)
                .file("macros/more_tests.sql", """
                        {%- test at_least(model, column_name, minimum=0) -%}
                        select * from {{ model }} where {{ column_name }} < {{ minimum }}
                        {%- endtest -%}

                        {% test row_count_is(model, expected) %}
                        select n from (select count(*) as n from {{ model }}) counted where n != {{ expected }}
                        {% endtest %}

                        {% test max_n(model) %}
                        {{ config(severity='warn', fail_calc='max(n)') }}
                        select 3 as n union all select 1
                        {% endtest %}

                        {% test all_in(model, column_name, other) %}
                        select * from {{ model }} where {{ column_name }} not in (select id from {{ other }})
                        {% endtest %}
                        """)
                .file("models/schema.yml", """
                        version: 2
                        sources:
                          - name: raw
                            tables:
                              - name: people
                                columns:
                                  - name: id
                                    data_tests:
                                      - at_least: {minimum: 1}
                        models:
                          - name: evens
                            data_tests:
                              - row_count_is:
                                  arguments:
                                    expected: 4
                              - max_n
                              - max_n:
                                  name: max_n_as_error
                                  config: {severity: error}
                            columns:
                              - name: id
                                data_tests:
                                  - is_even
                                  - at_least:
                                      minimum: 2
                                  - at_least:
                                      arguments: {minimum: 5}
                                      config:
                                        where: "id > 4"
                                  - all_in:
                                      other: ref('people')
                        seeds:
                          - name: people
                            columns:
                              - name: id
                                data_tests:
                                  - is_even:
                                      config:
                                        severity: warn
                        """);
    }

    @Test
    void projectTestsRunWithTheirArgumentsOnModelsSeedsAndSources() throws Exception {
        project.sql("CREATE SCHEMA raw", "CREATE TABLE raw.people AS SELECT 0 AS id UNION ALL SELECT 5");

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsEntry("test.test.row_count_is_evens_4.8a45ae90c4", Status.PASS)
                .containsEntry("test.test.is_even_evens_id.675925d544", Status.PASS)
                .containsEntry("test.test.at_least_evens_id__2.2ef5cc207f", Status.PASS)
                .containsEntry("test.test.at_least_evens_id__5.77cda357b7", Status.PASS) // where id > 4
                .containsEntry("test.test.all_in_evens_id__ref_people_.e65ab4d12c", Status.FAIL) // 6 and 8
                .containsEntry("test.test.is_even_people_id.fddb9d9d73", Status.WARN)
                .containsEntry("test.test.source_at_least_raw_people_id__1.51a2316b8d", Status.FAIL); // the 0
        NodeResult maxN = result.nodes().stream()
                .filter(n -> n.name().equals("max_n_evens_"))
                .findFirst()
                .orElseThrow();
        assertThat(maxN.status()).isEqualTo(Status.WARN); // the macro's config()
        assertThat(maxN.failures()).isEqualTo(3L);
        assertThat(result.nodes().stream().filter(n -> n.name().equals("max_n_as_error")))
                .extracting(NodeResult::status)
                .containsExactly(Status.FAIL); // the schema file's config wins
        assertThat(node(result, "test.test.is_even_people_id.fddb9d9d73").message())
                .isEqualTo("Got 2 results, configured to warn if != 0");
        assertThat(node(result, "test.test.all_in_evens_id__ref_people_.e65ab4d12c")
                        .failures())
                .isEqualTo(2L);
        assertThat(project.read("target/compiled/test/models/schema.yml/at_least_evens_id__5.sql"))
                .contains("(select * from \"test_schema\".\"evens\" where id > 4) dbt_subquery")
                .contains("< 5");
        assertThat(project.read("target/compiled/test/models/schema.yml/all_in_evens_id__ref_people_.sql"))
                .contains("not in (select id from \"test_schema\".\"people\")");
    }

    @Test
    void aProjectsOwnImplementationOfABuiltInTestWins() throws Exception {
        project.file("seeds/people.csv", "id,name\n1,Ada\n-2,Bert\n")
                .file("models/schema.yml", """
                        version: 2
                        seeds:
                          - name: people
                            columns:
                              - name: id
                                data_tests: [not_null, unique]
                        """)
                .file("macros/overrides.sql", """
                        {% macro default__test_not_null(model, column_name) %}
                        select * from {{ model }} where {{ column_name }} is null or {{ column_name }} < 0
                        {% endmacro %}
                        {% test unique(model, column_name) %}
                        select 1 as always_failing
                        {% endtest %}
                        """);
        project.delete("models/evens.sql");

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsEntry("test.test.not_null_people_id.213240d336", Status.FAIL)
                .containsEntry("test.test.unique_people_id.ab01dd072f", Status.FAIL);
    }

    @Test
    void aLongNameIsKeptInTheIdAndShortenedForTheCompiledFile() throws Exception {
        project.file("models/names.yml", """
                version: 2
                seeds:
                  - name: people
                    columns:
                      - name: name
                        data_tests:
                          - accepted_values:
                              values: [Ada, Bert, Cleo, Dirk, Edna, Finn, Gwen]
                """);

        TransformResult result = project.build();

        String id = "test.test.accepted_values_people_name__Ada__Bert__Cleo__Dirk__Edna__Finn__Gwen.7a5e57b5c8";
        assertThat(node(result, id).status()).isEqualTo(Status.PASS);
        assertThat(
                        project.read(
                                "target/compiled/test/models/names.yml/accepted_values_people_2bdc558e97fa572bd1210b93698f4e3f.sql"))
                .contains("not in ('Ada', 'Bert', 'Cleo', 'Dirk', 'Edna', 'Finn', 'Gwen')");
    }

    @Test
    void testsOnAnEphemeralModelReadItsCte() throws Exception {
        project.file("models/odd.sql", "{{ config(materialized='ephemeral') }} select id from {{ ref('people') }}")
                .file("models/odd.yml", """
                        version: 2
                        models:
                          - name: odd
                            columns:
                              - name: id
                                data_tests: [not_null, is_even]
                        """);

        TransformResult result = project.build();

        NodeResult isEven = result.nodes().stream()
                .filter(n -> n.name().equals("is_even_odd_id"))
                .findFirst()
                .orElseThrow();
        assertThat(isEven.status()).isEqualTo(Status.FAIL);
        assertThat(isEven.failures()).isEqualTo(2L);
        assertThat(result.nodes().stream().filter(n -> n.name().equals("not_null_odd_id")))
                .extracting(NodeResult::status)
                .containsExactly(Status.PASS);
        assertThat(project.read("target/compiled/test/models/odd.yml/is_even_odd_id.sql"))
                .contains("__dbt__cte__odd as (");
    }

    @Test
    void anUnknownTestFailsNamingTheFileAndTheTest() {
        project.file("models/more.yml", """
                version: 2
                models:
                  - name: evens
                    data_tests:
                      - dbt_utils.expression_is_true:
                          expression: "id > 0"
                    columns:
                      - name: id
                        data_tests: [is_odd]
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/more.yml (model evens) test dbt_utils.expression_is_true")
                .hasMessageContaining("the project has no package dbt_utils with {% test expression_is_true(...) %};"
                        + " install the package (packages.yml, then dbt deps)");
        project.file("models/more.yml", """
                version: 2
                models:
                  - name: evens
                    columns:
                      - name: id
                        data_tests: [is_odd]
                """);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/more.yml (model evens) column id test is_odd: no generic test 'is_odd'")
                .hasMessageContaining("{% test is_odd(model, column_name) %}");
    }
}
