package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt-tests-adapter {@code basic/test_snapshot_check_cols.py}: the check strategy on all, one and another column. */
class BasicSnapshotCheckColsTest {

    private static final List<String> SNAPSHOTS = List.of("cc_all_snapshot", "cc_name_snapshot", "cc_date_snapshot");

    @TempDir
    Path dir;

    @Test
    void checkColsSnapshotsRecordEveryChangeOfTheirColumns() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("name: snapshot_strategy_check_cols")
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("seeds/added.csv", BasicFiles.SEED_ADDED)
                .file(
                        "snapshots/cc_all_snapshot.sql",
                        SnapshotFiles.snapshot(
                                "cc_all_snapshot", "check_cols='all', unique_key='id', strategy='check'"))
                .file(
                        "snapshots/cc_name_snapshot.sql",
                        SnapshotFiles.snapshot(
                                "cc_name_snapshot", "check_cols=['name'], unique_key='id', strategy='check'"))
                .file(
                        "snapshots/cc_date_snapshot.sql",
                        SnapshotFiles.snapshot(
                                "cc_date_snapshot", "check_cols=['some_date'], unique_key='id', strategy='check'"));

        TransformResult first = project.build();
        assertThat(DbtTestProject.count(first, "seed", Status.SUCCESS)).isEqualTo(2);
        assertThat(DbtTestProject.count(first, "snapshot", Status.SUCCESS)).isEqualTo(3);
        assertRows(project, 10, 10, 10);

        // point at the "added" seed so the snapshots see 10 new rows
        assertAllSucceed(snapshots(project));
        assertRows(project, 20, 20, 20);

        // later timestamps for ids 11 to 20: 10 more versions where some_date is checked
        project.sql(SnapshotFiles.LATER_DATES);
        assertAllSucceed(snapshots(project));
        assertRows(project, 30, 20, 30);

        // new names for ids 1 to 10: 10 more versions where name is checked
        project.sql(SnapshotFiles.UPDATED_NAMES);
        assertAllSucceed(snapshots(project));
        assertRows(project, 40, 30, 30);
    }

    private static TransformResult snapshots(DbtTestProject project) {
        return project.run(project.spec(SNAPSHOTS, false, Map.of("seed_name", "added")));
    }

    private static void assertAllSucceed(TransformResult result) {
        assertThat(DbtTestProject.statuses(result))
                .containsOnlyKeys(SNAPSHOTS.stream()
                        .map(s -> "snapshot.snapshot_strategy_check_cols." + s)
                        .toList())
                .allSatisfy((id, status) -> assertThat(status).isEqualTo(Status.SUCCESS));
    }

    private static void assertRows(DbtTestProject project, long all, long name, long date) throws Exception {
        assertThat(project.rowCount("cc_all_snapshot")).as("cc_all_snapshot").isEqualTo(all);
        assertThat(project.rowCount("cc_name_snapshot")).as("cc_name_snapshot").isEqualTo(name);
        assertThat(project.rowCount("cc_date_snapshot")).as("cc_date_snapshot").isEqualTo(date);
    }
}
