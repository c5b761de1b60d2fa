package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt-tests-adapter {@code basic/test_snapshot_timestamp.py}: the timestamp strategy on {@code some_date}. */
class BasicSnapshotTimestampTest {

    private static final String ID = "snapshot.snapshot_strategy_timestamp.ts_snapshot";

    @TempDir
    Path dir;

    @Test
    void timestampSnapshotRecordsRowsWhoseTimestampMoved() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("name: snapshot_strategy_timestamp")
                .file("seeds/base.csv", BasicFiles.SEED_BASE)
                .file("seeds/newcolumns.csv", SnapshotFiles.NEW_COLUMNS)
                .file("seeds/added.csv", BasicFiles.SEED_ADDED)
                .file(
                        "snapshots/ts_snapshot.sql",
                        SnapshotFiles.snapshot(
                                "ts_snapshot", "strategy='timestamp', unique_key='id', updated_at='some_date'"));

        TransformResult first = project.build();
        assertThat(DbtTestProject.count(first, "seed", Status.SUCCESS)).isEqualTo(3);
        assertThat(DbtTestProject.count(first, "snapshot", Status.SUCCESS)).isEqualTo(1);
        assertThat(project.rowCount("ts_snapshot")).isEqualTo(10);

        // point at the "added" seed so the snapshot sees 10 new rows
        assertThat(snapshot(project)).isEqualTo(Map.of(ID, Status.SUCCESS));
        assertThat(project.rowCount("ts_snapshot")).isEqualTo(20);

        // later timestamps for ids 11 to 20: 10 more versions
        project.sql(SnapshotFiles.LATER_DATES);
        assertThat(snapshot(project)).isEqualTo(Map.of(ID, Status.SUCCESS));
        assertThat(project.rowCount("ts_snapshot")).isEqualTo(30);

        // new names without a new timestamp: no new versions
        project.sql(SnapshotFiles.UPDATED_NAMES);
        assertThat(snapshot(project)).isEqualTo(Map.of(ID, Status.SUCCESS));
        assertThat(project.rowCount("ts_snapshot")).isEqualTo(30);
    }

    private static Map<String, Status> snapshot(DbtTestProject project) {
        return DbtTestProject.statuses(
                project.run(project.spec(List.of("ts_snapshot"), false, Map.of("seed_name", "added"))));
    }
}
