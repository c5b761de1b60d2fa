package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.count;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code basic/test_singular_tests_ephemeral.py}: singular tests reading an ephemeral model
 * (inlined as a CTE), one passing and one failing, and two models with the same queries. The suite runs seed
 * (one seed), test (pass and fail) and run (two models); each step here is a build of what that step runs.
 */
class BasicSingularTestsEphemeralTest {

    @TempDir
    Path dir;

    @Test
    void testsOnAnEphemeralModelRunItsCteAndModelsOnItBuild() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("models/ephemeral.sql", BasicFiles.EPHEMERAL_WITH_CTE)
                .file("models/passing_model.sql", BasicFiles.EPHEMERAL_PASSING)
                .file("models/failing_model.sql", BasicFiles.EPHEMERAL_FAILING)
                .file("models/schema.yml", BasicFiles.SCHEMA_BASE_YML)
                .file("tests/passing.sql", BasicFiles.EPHEMERAL_PASSING)
                .file("tests/failing.sql", BasicFiles.EPHEMERAL_FAILING);

        TransformResult seed = project.build("base");
        assertThat(statuses(seed)).containsOnlyKeys("seed.test.base").containsValue(Status.SUCCESS);

        TransformResult tests = project.build();
        assertThat(count(tests, "test", Status.PASS)).isEqualTo(1);
        assertThat(count(tests, "test", Status.FAIL)).isEqualTo(1);
        assertThat(statuses(tests))
                .containsEntry("test.test.passing", Status.PASS)
                .containsEntry("test.test.failing", Status.FAIL);
        assertThat(DbtTestProject.node(tests, "test.test.failing").failures()).isEqualTo(10L);
        assertThat(project.read("target/compiled/test/tests/failing.sql"))
                .contains("__dbt__cte__ephemeral as (")
                .contains("from __dbt__cte__ephemeral");

        TransformResult run = project.build("passing_model", "failing_model");
        assertThat(statuses(run))
                .containsOnlyKeys("model.test.passing_model", "model.test.failing_model")
                .containsValues(Status.SUCCESS);
        assertThat(project.rowCount("failing_model")).isEqualTo(10);
        assertThat(project.rowCount("passing_model")).isZero();
    }
}
