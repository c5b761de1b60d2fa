package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code basic/test_table_materialization.py}: other adapters' configs ({@code sort},
 * {@code dist}) are accepted and change nothing; {@code this.schema} names the model's schema.
 */
class BasicTableMaterializationTest {

    @TempDir
    Path dir;

    @Test
    void sortAndDistAreNoOps() throws Exception {
        StringBuilder seed = new StringBuilder("id,first_name,last_name,email,gender,ip_address\n");
        for (int i = 1; i <= 50; i++) {
            seed.append(i)
                    .append(",First")
                    .append(i)
                    .append(",Last")
                    .append(i % 7)
                    .append(",person")
                    .append(i)
                    .append("@example.org,")
                    .append(i % 2 == 0 ? "Female" : "Male")
                    .append(",10.0.")
                    .append(i / 10)
                    .append('.')
                    .append(i)
                    .append('\n');
        }
        DbtTestProject project =
                new DbtTestProject(dir).file("seeds/seed.csv", seed.toString()).file("models/materialized.sql", """
                        {{
                          config(
                            materialized = "table",
                            sort = 'first_name',
                            dist = 'first_name'
                          )
                        }}

                        select * from {{ this.schema }}.seed
                        """);

        assertThat(statuses(project.build()))
                .containsExactly(
                        Map.entry("seed.test.seed", Status.SUCCESS),
                        Map.entry("model.test.materialized", Status.SUCCESS));
        assertThat(project.rowCount("seed")).isEqualTo(50);
        project.assertRelationsEqual("seed", "materialized");
    }
}
