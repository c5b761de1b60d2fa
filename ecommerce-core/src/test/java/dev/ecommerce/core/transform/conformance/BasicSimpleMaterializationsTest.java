package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code basic/test_base.py}: a seed, a view, a table and a model whose materialization
 * is a var, all reading the seed through a source declared with Jinja; then the var switches the model to a
 * view and to an incremental table.
 */
class BasicSimpleMaterializationsTest {

    @TempDir
    Path dir;

    @Test
    void seedsViewTableAndSwappableMaterializations() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("models/view_model.sql", BasicFiles.config("view") + BasicFiles.MODEL_BASE)
                .file("models/table_model.sql", BasicFiles.config("table") + BasicFiles.MODEL_BASE)
                .file(
                        "models/swappable.sql",
                        "  {{ config(materialized=var(\"materialized_var\", \"table\"))}}\n" + BasicFiles.MODEL_BASE)
                .file("models/schema.yml", BasicFiles.SCHEMA_BASE_YML);

        TransformResult result = project.build();

        // the source is the seed of the same project: nothing checks it before the seed has run
        assertThat(statuses(result))
                .containsExactly(
                        Map.entry("seed.test.base", Status.SUCCESS),
                        Map.entry("model.test.swappable", Status.SUCCESS),
                        Map.entry("model.test.table_model", Status.SUCCESS),
                        Map.entry("model.test.view_model", Status.SUCCESS));
        assertThat(project.relationType("base")).isEqualTo("BASE TABLE");
        assertThat(project.relationType("view_model")).isEqualTo("VIEW");
        assertThat(project.relationType("table_model")).isEqualTo("BASE TABLE");
        assertThat(project.relationType("swappable")).isEqualTo("BASE TABLE");
        assertThat(project.rowCount("base")).isEqualTo(10);
        project.assertRelationsEqual("base", "view_model");
        project.assertRelationsEqual("base", "table_model");
        project.assertRelationsEqual("base", "swappable");
        assertThat(project.read("target/compiled/test/models/view_model.sql"))
                .contains("from \"test_schema\".\"base\"");

        TransformResult asView =
                project.run(project.spec(List.of("swappable"), false, Map.of("materialized_var", "view")));
        assertThat(statuses(asView)).containsExactly(Map.entry("model.test.swappable", Status.SUCCESS));
        assertThat(project.relationType("swappable")).isEqualTo("VIEW");
        assertThat(project.relationType("table_model")).isEqualTo("BASE TABLE");

        TransformResult asIncremental =
                project.run(project.spec(List.of("swappable"), false, Map.of("materialized_var", "incremental")));
        assertThat(statuses(asIncremental)).containsExactly(Map.entry("model.test.swappable", Status.SUCCESS));
        assertThat(project.relationType("swappable")).isEqualTo("BASE TABLE");
        project.assertRelationsEqual("base", "swappable");
    }
}
