package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code basic/test_ephemeral.py}: an ephemeral model over a source is inlined into a view
 * and a table, never built itself; the manifest holds all four nodes and the source.
 */
class BasicEphemeralTest {

    @TempDir
    Path dir;

    @Test
    void ephemeralModelsAreInlinedNotBuilt() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("models/ephemeral.sql", BasicFiles.config("ephemeral") + BasicFiles.MODEL_BASE)
                .file("models/view_model.sql", BasicFiles.config("view") + BasicFiles.MODEL_EPHEMERAL)
                .file("models/table_model.sql", BasicFiles.config("table") + BasicFiles.MODEL_EPHEMERAL)
                .file("models/schema.yml", BasicFiles.SCHEMA_BASE_YML);

        assertThat(statuses(project.build()))
                .containsExactly(
                        Map.entry("seed.test.base", Status.SUCCESS),
                        Map.entry("model.test.table_model", Status.SUCCESS),
                        Map.entry("model.test.view_model", Status.SUCCESS));
        assertThat(project.rowCount("base")).isEqualTo(10);
        project.assertRelationsEqual("base", "view_model");
        project.assertRelationsEqual("base", "table_model");
        assertThat(project.relationType("ephemeral")).isNull();

        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        assertThat(manifest.path("nodes").size()).isEqualTo(4);
        assertThat(manifest.path("nodes").has("model.test.ephemeral")).isTrue();
        assertThat(manifest.path("sources").size()).isEqualTo(1);
        assertThat(manifest.path("sources").has("source.test.raw.seed")).isTrue();
    }
}
