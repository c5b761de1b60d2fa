package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code unit_testing/test_invalid_input.py}: a given or expected column the relation does not
 * have is that unit test's error, with dbt's message; the model and its descendants are skipped, the other
 * nodes run, and run_results.json is written.
 */
class UnitTestInvalidInputTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownColumnIsTheUnitTestsErrorNamingTheFixture() throws Exception {
        DbtTestProject project = UnitTestFixtures.testedColumn(new DbtTestProject(dir))
                .file("models/other.sql", "select 1 as id\n")
                .file("models/downstream.sql", "select * from {{ ref('my_model') }}\n")
                .file("models/unit_tests.yml", """
                        unit_tests:
                          - name: test_invalid_input_column_name
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows:
                                  - {invalid_column_name: 1}
                            expect:
                              rows:
                                  - {tested_column: 1}
                          - name: test_invalid_expect_column_name
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows:
                                  - {tested_column: 1}
                            expect:
                              rows:
                                  - {invalid_column_name: 1}
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_invalid_input_column_name")
                        .message())
                .contains("Invalid column name: 'invalid_column_name' in unit test fixture for 'my_upstream_model'.");
        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_invalid_expect_column_name")
                        .message())
                .contains("Invalid column name: 'invalid_column_name' in unit test fixture for expected output.");
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_invalid_input_column_name", Status.ERROR)
                .containsEntry("unit_test.test.my_model.test_invalid_expect_column_name", Status.ERROR)
                .containsEntry("model.test.my_model", Status.SKIPPED)
                .containsEntry("model.test.downstream", Status.SKIPPED)
                .containsEntry("model.test.my_upstream_model", Status.SUCCESS)
                .containsEntry("model.test.other", Status.SUCCESS);
        assertThat(Files.readString(dir.resolve("target/run_results.json")))
                .contains("unit_test.test.my_model.test_invalid_input_column_name");
    }
}
