package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code basic/test_singular_tests.py}: two singular tests on no model, one finding no rows
 * (pass), one finding a row (fail); both run.
 */
class BasicSingularTestsTest {

    @TempDir
    Path dir;

    @Test
    void thePassingTestPassesAndTheFailingOneFails() throws Exception {
        DbtTestProject project =
                new DbtTestProject(dir).file("tests/passing.sql", """
                        select * from (
                            select 1 as id
                        ) as my_subquery
                        where id = 2
                        """).file("tests/failing.sql", """
                        select * from (
                            select 1 as id
                        ) as my_subquery
                        where id = 1
                        """);

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsOnlyKeys("test.test.passing", "test.test.failing")
                .containsEntry("test.test.passing", Status.PASS)
                .containsEntry("test.test.failing", Status.FAIL);
        assertThat(node(result, "test.test.failing").message()).isEqualTo("Got 1 result, configured to fail if != 0");
        assertThat(node(result, "test.test.failing").failures()).isEqualTo(1L);
        assertThat(node(result, "test.test.passing").message()).isNull();
        assertThat(node(result, "test.test.passing").failures()).isZero();
        assertThat(result.succeeded()).isFalse();
        assertThat(project.read("target/compiled/test/tests/failing.sql")).contains("where id = 1");
        assertThat(project.read("target/run/test/tests/failing.sql"))
                .contains("count(*) as failures")
                .contains("count(*) != 0 as should_error")
                .contains("where id = 1");
    }
}
