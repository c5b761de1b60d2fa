package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.count;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code basic/test_generic_tests.py}: {@code not_null} tests on a seed (declared under
 * {@code models:} in the seeds' schema file), a view and a table. The suite runs seed, test on base (one
 * test), run (two models), test (three tests); {@code dbt build} does the same in one go.
 */
class BasicGenericTestsTest {

    @TempDir
    Path dir;

    DbtTestProject project;

    @BeforeEach
    void files() {
        project = new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("seeds/schema.yml", BasicFiles.notNullOnId("base"))
                .file("models/view_model.sql", BasicFiles.config("view") + BasicFiles.MODEL_BASE)
                .file("models/table_model.sql", BasicFiles.config("table") + BasicFiles.MODEL_BASE)
                .file("models/schema.yml", BasicFiles.SCHEMA_BASE_YML)
                .file("models/schema_view.yml", BasicFiles.notNullOnId("view_model"))
                .file("models/schema_table.yml", BasicFiles.notNullOnId("table_model"));
    }

    @Test
    void theTestsOnTheSeedAndOnBothModelsPass() throws Exception {
        TransformResult base = project.build("base");
        assertThat(count(base, "seed", Status.SUCCESS)).isEqualTo(1);
        assertThat(statuses(base))
                .containsEntry("test.test.not_null_base_id.910041d42f", Status.PASS)
                .hasSize(2);

        TransformResult all = project.build();
        assertThat(count(all, "model", Status.SUCCESS)).isEqualTo(2);
        assertThat(count(all, "test", Status.PASS)).isEqualTo(3);
        assertThat(statuses(all))
                .containsKeys(
                        "test.test.not_null_view_model_id.c9346154f2", "test.test.not_null_table_model_id.74214535fa")
                .hasSize(6);
        assertThat(project.relationType("view_model")).isEqualTo("VIEW");
        assertThat(project.relationType("table_model")).isEqualTo("BASE TABLE");
        project.assertRelationsEqual("table_model", "base");
    }
}
