package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.RunManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run manifest's transform section, next to the sections of the goals that ran before. */
class TransformManifestTest {

    @TempDir
    Path dir;

    private ShopProject shop;
    private Path work;

    @BeforeEach
    void previousRun() throws Exception {
        shop = ShopProject.copyTo(dir);
        work = dir.resolve("work");
        new RunManifest(
                        1,
                        "run-1",
                        new RunManifest.Ingest(
                                "2026-01-01T00:00:00Z",
                                "2026-01-01T00:00:01Z",
                                Map.of(),
                                "w.duckdb",
                                List.of(new RunManifest.TableEntry(
                                        "orders", 4, 0.1, "full", null, 4L, 0L, 0L, null, null)),
                                null),
                        null,
                        null,
                        null)
                .write(work);
    }

    @Test
    void recordsEngineTargetCountsPerStatusTimesAndRunResults() {
        TransformResult result = Pipeline.transform(shop.spec(), event -> {});

        RunManifest manifest = RunManifest.read(work).orElseThrow();
        assertThat(manifest.runId()).isEqualTo("run-1");
        assertThat(manifest.ingest().tables())
                .extracting(RunManifest.TableEntry::rows)
                .containsExactly(4L);
        RunManifest.Transform transform = manifest.transform();
        assertThat(transform.engine()).isEqualTo("embedded");
        assertThat(transform.target()).isEqualTo("local");
        // 1 seed + 4 models built; 7 data tests and 1 unit test passed
        assertThat(transform.statuses()).containsExactly(Map.entry("pass", 8L), Map.entry("success", 5L));
        assertThat(transform.seconds()).isPositive().isLessThanOrEqualTo(Math.ceil(result.seconds() * 1000) / 1000);
        assertThat(transform.overheadSeconds()).isPositive().isLessThan(transform.seconds());
        assertThat(transform.querySeconds()).isPositive().isLessThan(transform.seconds());
        assertThat(transform.runResults()).isEqualTo("reports/run_results.json");
        assertThat(work.resolve(transform.runResults())).isRegularFile();
        assertThat(transform.startedAt()).isLessThanOrEqualTo(transform.finishedAt());
    }

    @Test
    void aFailedTransformIsRecordedToo() throws Exception {
        shop.sql("INSERT INTO main.raw_orders VALUES (5, 'DE', 100, 'lost')");

        assertThatThrownBy(() -> Pipeline.transform(shop.spec(), event -> {})).isInstanceOf(DataException.class);

        RunManifest.Transform transform = RunManifest.read(work).orElseThrow().transform();
        assertThat(transform.statuses()).containsEntry("fail", 1L).containsEntry("skipped", 4L);
    }
}
