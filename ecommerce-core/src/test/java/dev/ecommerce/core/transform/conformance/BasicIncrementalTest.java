package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt-tests-adapter {@code basic/test_incremental.py}: its three cases. */
class BasicIncrementalTest {

    @TempDir
    Path dir;

    private DbtTestProject seeded(String model) {
        return new DbtTestProject(dir)
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("seeds/added.csv", BasicFiles.SEED_ADDED)
                .file("models/incremental.sql", model)
                .file("models/schema.yml", BasicFiles.SCHEMA_BASE_YML);
    }

    @Test
    void anIncrementalModelAddsTheNewRowsOfItsSource() throws Exception {
        DbtTestProject project = seeded(BasicFiles.config("incremental") + BasicFiles.MODEL_INCREMENTAL);

        TransformResult first = project.run(project.spec(List.of(), false, Map.of("seed_name", "base")));
        assertThat(statuses(first))
                .containsExactly(
                        Map.entry("seed.test.added", Status.SUCCESS),
                        Map.entry("seed.test.base", Status.SUCCESS),
                        Map.entry("model.test.incremental", Status.SUCCESS));
        assertThat(project.rowCount("base")).isEqualTo(10);
        assertThat(project.rowCount("added")).isEqualTo(20);
        project.assertRelationsEqual("base", "incremental");

        // the var changes the source's identifier in the schema file
        TransformResult second = project.run(project.spec(List.of("incremental"), false, Map.of("seed_name", "added")));
        assertThat(statuses(second)).containsExactly(Map.entry("model.test.incremental", Status.SUCCESS));
        assertThat(node(second, "model.test.incremental").rowsAffected()).isEqualTo(10);
        project.assertRelationsEqual("added", "incremental");
    }

    @Test
    void anUnchangedSchemaIsNoSchemaChange() {
        DbtTestProject project = new DbtTestProject(dir).file("models/incremental_not_schema_change.sql", """
                {{ config(materialized="incremental", unique_key="user_id_current_time",on_schema_change="sync_all_columns") }}
                select
                    1 || '-' || current_timestamp as user_id_current_time,
                    {% if is_incremental() %}
                        'thisis18characters' as platform
                    {% else %}
                        'okthisis20characters' as platform
                    {% endif %}
                """);

        project.build("incremental_not_schema_change");
        TransformResult second = project.build("incremental_not_schema_change");

        assertThat(statuses(second))
                .containsExactly(Map.entry("model.test.incremental_not_schema_change", Status.SUCCESS));
    }

    @Test
    void anUnknownStrategyFailsTheModelWithDbtsMessage() {
        DbtTestProject project =
                seeded("  {{ config(materialized=\"incremental\", incremental_strategy=\"bad_strategy\") }}\n"
                        + BasicFiles.MODEL_INCREMENTAL);

        TransformResult result = project.build();

        assertThat(statuses(result))
                .containsEntry("seed.test.base", Status.SUCCESS)
                .containsEntry("model.test.incremental", Status.ERROR);
        assertThat(node(result, "model.test.incremental").message())
                .contains("dbt could not find an incremental strategy macro with the name"
                        + " \"get_incremental_bad_strategy_sql\"");
    }
}
