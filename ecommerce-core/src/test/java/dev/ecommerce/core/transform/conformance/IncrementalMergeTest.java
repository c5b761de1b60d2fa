package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-duckdb's {@code merge} incremental strategy (DuckDB's {@code MERGE INTO}, as dbt's {@code get_merge_sql}):
 * rows matching the unique key are updated, the others inserted.
 */
class IncrementalMergeTest {

    private static final String FIRST = "id,name,status\n1,ann,open\n2,bob,open\n3,cat,open\n";
    private static final String SECOND = "id,name,status\n1,ann,open\n2,bobby,paid\n3,cat,open\n4,dan,open\n";

    @TempDir
    Path dir;

    private DbtTestProject project(String config) throws Exception {
        return project(dir, config);
    }

    private static DbtTestProject project(Path dir, String config) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        return new DbtTestProject(dir)
                .file("seeds/people.csv", FIRST)
                .file(
                        "models/merged.sql",
                        "{{ config(materialized='incremental', incremental_strategy='merge'"
                                + config + ") }}\n"
                                + "select id, name, status from {{ ref('people') }}\n"
                                + "{% if is_incremental() %} where id >= 2 {% endif %}\n");
    }

    private List<List<Object>> rows(DbtTestProject project) throws Exception {
        return project.rows("select cast(id as integer), name, status from test_schema.merged order by id");
    }

    @Test
    void rowsMatchingTheKeyAreUpdatedAndTheOthersInserted() throws Exception {
        DbtTestProject project = project(", unique_key='id'");
        assertThat(statuses(project.build())).containsEntry("model.test.merged", Status.SUCCESS);

        TransformResult second = project.file("seeds/people.csv", SECOND).build();

        assertThat(statuses(second)).containsEntry("model.test.merged", Status.SUCCESS);
        assertThat(node(second, "model.test.merged").rowsAffected()).isEqualTo(3); // 2 and 3 updated, 4 inserted
        assertThat(rows(project))
                .containsExactly(
                        List.of(1, "ann", "open"),
                        List.of(2, "bobby", "paid"),
                        List.of(3, "cat", "open"),
                        List.of(4, "dan", "open"));
        assertThat(project.read("target/run/test/models/merged.sql")).contains("MERGE INTO", "WHEN MATCHED");
    }

    @Test
    void mergeUpdateColumnsAndMergeExcludeColumnsChooseWhatIsUpdated() throws Exception {
        DbtTestProject only = project(dir.resolve("only"), ", unique_key='id', merge_update_columns=['status']");
        only.build();
        only.file("seeds/people.csv", SECOND).build();
        assertThat(rows(only)).contains(List.of(2, "bob", "paid"), List.of(4, "dan", "open"));

        DbtTestProject excluded =
                project(dir.resolve("excluded"), ", unique_key=['id'], merge_exclude_columns=['STATUS']");
        excluded.build();
        excluded.file("seeds/people.csv", SECOND).build();
        assertThat(rows(excluded)).contains(List.of(2, "bobby", "open"), List.of(4, "dan", "open"));
    }

    @Test
    void withoutAUniqueKeyEveryRowIsInserted() throws Exception {
        DbtTestProject project = project("");
        project.build();

        project.file("seeds/people.csv", SECOND).build();

        assertThat(project.rows("select count(*) from test_schema.merged")).containsExactly(List.of(6L));
    }

    @Test
    void newColumnsAreMergedWithAppendNewColumns() throws Exception {
        DbtTestProject project = project(", unique_key='id', on_schema_change='append_new_columns'");
        project.build();
        project.file(
                "models/merged.sql",
                "{{ config(materialized='incremental', incremental_strategy='merge',"
                        + " unique_key='id', on_schema_change='append_new_columns') }}\n"
                        + "select id, name, status, 'x' as tag from {{ ref('people') }}\n"
                        + "{% if is_incremental() %} where id = 2 {% endif %}\n");

        project.build();

        assertThat(project.rows("select cast(id as integer), tag from test_schema.merged order by id"))
                .containsExactly(java.util.Arrays.asList(1, null), List.of(2, "x"), java.util.Arrays.asList(3, null));
    }

    /** A merge DuckDB refuses (a column to update that the table does not have) fails the model; the table is kept. */
    @Test
    void aMergeThatFailsFailsTheModelAndKeepsTheTable() throws Exception {
        DbtTestProject project = project(", unique_key='id', merge_update_columns=['no_such_column']");
        project.build();

        TransformResult second = project.file("seeds/people.csv", SECOND).build();

        assertThat(statuses(second)).containsEntry("model.test.merged", Status.ERROR);
        assertThat(node(second, "model.test.merged").message()).containsIgnoringCase("no_such_column");
        assertThat(rows(project))
                .containsExactly(List.of(1, "ann", "open"), List.of(2, "bob", "open"), List.of(3, "cat", "open"));
    }

    /** dbt-duckdb's other merge configs are refused, naming the file and the config, never ignored. */
    @Test
    void mergeConfigsBeyondDbtsAreRefusedNamingTheModel() throws Exception {
        DbtTestProject clauses = project(dir.resolve("clauses"), ", unique_key='id', merge_update_condition='true'");
        clauses.build();

        TransformResult second = clauses.file("seeds/people.csv", SECOND).build();

        assertThat(statuses(second)).containsEntry("model.test.merged", Status.ERROR);
        assertThat(node(second, "model.test.merged").message())
                .contains("models/merged.sql", "merge_update_condition", "not supported");
        assertThat(rows(clauses))
                .containsExactly(List.of(1, "ann", "open"), List.of(2, "bob", "open"), List.of(3, "cat", "open"));

        DbtTestProject both = project(
                dir.resolve("both"),
                ", unique_key='id', merge_update_columns=['name'], merge_exclude_columns=['status']");
        both.build();
        assertThat(node(both.file("seeds/people.csv", SECOND).build(), "model.test.merged")
                        .message())
                .contains("both merge_update_columns and merge_exclude_columns");
    }
}
