package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema file describing a model that has no SQL file (dbt-utils' integration tests have one): dbt warns and
 * leaves its tests out; the build goes on.
 */
class SchemaEntryWithoutModelTest {

    @TempDir
    Path dir;

    @Test
    void theTestsOfAModelThatDoesNotExistAreLeftOutWithAWarning() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/present.sql", "select 1 as id")
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: present
                            columns:
                              - name: id
                                data_tests: [not_null]
                          - name: gone
                            columns:
                              - name: id
                                data_tests: [unique]
                        """);

        TransformResult result = project.build();

        assertThat(result.succeeded()).isTrue();
        assertThat(DbtTestProject.statusesByName(result))
                .containsOnlyKeys("model.test.present", "test.test.not_null_present_id");
        assertThat(project.log())
                .anyMatch(line -> line.contains("WARNING")
                        && line.contains("unique_gone_id is on gone")
                        && line.contains("left out"));
    }
}
