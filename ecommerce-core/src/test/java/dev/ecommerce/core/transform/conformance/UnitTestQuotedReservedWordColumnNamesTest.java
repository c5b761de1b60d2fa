package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code unit_testing/test_quoted_reserved_word_column_names.py}: a column named by a reserved
 * word ({@code "GROUP"}), given and expected through CSV fixture files.
 */
class UnitTestQuotedReservedWordColumnNamesTest {

    @TempDir
    Path dir;

    @Test
    void aReservedWordColumnFromCsvFixtureFilesIsQuoted() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/my_model.sql", "select\n    * from {{ ref('my_upstream_model')}}\n")
                .file("models/my_upstream_model.sql", "select 1 as \"GROUP\"\n")
                .file("models/unit_tests.yml", """
                        unit_tests:
                          - name: test_my_model
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                format: csv
                                fixture: input_fixture
                            expect:
                              format: csv
                              fixture: expect_fixture
                        """)
                .file("tests/fixtures/input_fixture.csv", "\nGROUP\n1\n2\n3\n")
                .file("tests/fixtures/expect_fixture.csv", "\nGROUP\n1\n2\n3\n");

        TransformResult result = project.build();

        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_my_model", Status.PASS)
                .containsEntry("model.test.my_model", Status.SUCCESS)
                .containsEntry("model.test.my_upstream_model", Status.SUCCESS)
                .hasSize(3); // the fixtures' SQL-less CSV files are no singular tests
    }

    @Test
    void aDifferenceInAReservedWordColumnFails() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/my_model.sql", "select \"order\" + 1 as \"select\" from {{ ref('my_upstream_model')}}\n")
                .file("models/my_upstream_model.sql", "select 1 as \"order\"\n")
                .file("models/unit_tests.yml", """
                        unit_tests:
                          - name: test_my_model
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows: [{order: 1}]
                            expect:
                              rows: [{select: 3}]
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .message())
                .contains("- {select=3}")
                .contains("+ {select=2}");
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_my_model", Status.FAIL)
                .containsEntry("model.test.my_model", Status.SKIPPED);
    }
}
