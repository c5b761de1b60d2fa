package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt-tests-adapter {@code unit_testing/test_case_insensitivity.py}: given and expected column names in any case. */
class UnitTestCaseInsensitivityTest {

    @TempDir
    Path dir;

    @Test
    void columnNamesInAnyCaseMatchTheModelsColumn() {
        DbtTestProject project =
                UnitTestFixtures.testedColumn(new DbtTestProject(dir)).file("models/unit_tests.yml", """
                        unit_tests:
                          - name: test_my_model
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows:
                                  - {tested_column: 1}
                                  - {TESTED_COLUMN: 2}
                                  - {tested_colUmn: 3}
                            expect:
                              rows:
                                  - {tested_column: 1}
                                  - {TESTED_COLUMN: 2}
                                  - {tested_colUmn: 3}
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.statuses(result))
                .containsEntry("model.test.my_upstream_model", Status.SUCCESS)
                .containsEntry("unit_test.test.my_model.test_my_model", Status.PASS)
                .containsEntry("model.test.my_model", Status.SUCCESS)
                .hasSize(3);
    }
}
