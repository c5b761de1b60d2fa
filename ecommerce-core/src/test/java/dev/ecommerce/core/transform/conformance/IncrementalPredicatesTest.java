package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt's {@code incremental_predicates}: conditions that narrow the rows of the table an incremental run touches
 * ({@code delete+insert} deletes, {@code merge} matches), as dbt's {@code get_delete_insert_merge_sql} and
 * {@code get_merge_sql} apply them.
 */
class IncrementalPredicatesTest {

    private static final String FIRST = "id,day,val\n1,2020-01-01,a\n2,2020-06-01,b\n3,2020-06-02,c\n";
    private static final String SECOND = "id,day,val\n1,2020-01-01,A\n2,2020-06-01,B\n3,2020-06-02,C\n4,2020-06-03,d\n";

    @TempDir
    Path dir;

    private DbtTestProject project(String name, String config) throws Exception {
        Files.createDirectories(dir.resolve(name));
        return new DbtTestProject(dir.resolve(name))
                .file("seeds/events.csv", FIRST)
                .file(
                        "models/recent.sql",
                        "{{ config(materialized='incremental', unique_key='id'" + config + ") }}\n"
                                + "select cast(id as integer) as id, cast(day as date) as day, val"
                                + " from {{ ref('events') }}\n");
    }

    private static List<List<Object>> rows(DbtTestProject project) throws Exception {
        return project.rows("select id, val from test_schema.recent order by id, val");
    }

    @Test
    void deleteInsertDeletesOnlyTheRowsThatMeetThePredicates() throws Exception {
        DbtTestProject project = project(
                "delete",
                ", incremental_strategy='delete+insert',"
                        + " incremental_predicates=[\"day >= DATE '2020-06-01' -- the last month only\"]");
        project.build();

        TransformResult second = project.file("seeds/events.csv", SECOND).build();

        assertThat(statuses(second)).containsEntry("model.test.recent", Status.SUCCESS);
        // the old row 1 is before the predicates' days: kept beside its new version
        assertThat(rows(project))
                .containsExactly(List.of(1, "A"), List.of(1, "a"), List.of(2, "B"), List.of(3, "C"), List.of(4, "d"));
        assertThat(project.read("target/run/test/models/recent.sql"))
                .contains("AND (day >= DATE '2020-06-01' -- the last month only\n)");
    }

    @Test
    void mergeMatchesOnlyTheRowsThatMeetThePredicates() throws Exception {
        // one text is one predicate, as a list of one
        DbtTestProject project = project(
                "merge",
                ", incremental_strategy='merge', incremental_predicates=\"DBT_INTERNAL_DEST.day >= DATE '2020-06-01'\"");
        project.build();

        project.file("seeds/events.csv", SECOND).build();

        assertThat(rows(project))
                .containsExactly(List.of(1, "A"), List.of(1, "a"), List.of(2, "B"), List.of(3, "C"), List.of(4, "d"));
        assertThat(project.read("target/run/test/models/recent.sql"))
                .contains("ON (DBT_INTERNAL_DEST.day >= DATE '2020-06-01'\n) AND (");
    }

    @Test
    void withoutPredicatesEveryMatchingRowIsReplaced() throws Exception {
        DbtTestProject project = project("none", ", incremental_strategy='delete+insert'");
        project.build();

        project.file("seeds/events.csv", SECOND).build();

        assertThat(rows(project)).containsExactly(List.of(1, "A"), List.of(2, "B"), List.of(3, "C"), List.of(4, "d"));
    }

    @Test
    void aBrokenPredicateFailsTheModelAndKeepsTheTable() throws Exception {
        DbtTestProject project = project(
                "broken", ", incremental_strategy='delete+insert', incremental_predicates=['no_such_column > 1']");
        project.build();

        TransformResult second = project.file("seeds/events.csv", SECOND).build();

        assertThat(statuses(second)).containsEntry("model.test.recent", Status.ERROR);
        assertThat(node(second, "model.test.recent").message()).containsIgnoringCase("no_such_column");
        assertThat(rows(project)).containsExactly(List.of(1, "a"), List.of(2, "b"), List.of(3, "c"));

        DbtTestProject map = project("map", ", incremental_predicates={'day': 1}");
        map.build();
        TransformResult wrong = map.file("seeds/events.csv", SECOND).build();
        assertThat(statuses(wrong)).containsEntry("model.test.recent", Status.ERROR);
        assertThat(node(wrong, "model.test.recent").message())
                .contains("models/recent.sql incremental_predicates must be a list");
        assertThat(rows(map)).containsExactly(List.of(1, "a"), List.of(2, "b"), List.of(3, "c"));
    }
}
