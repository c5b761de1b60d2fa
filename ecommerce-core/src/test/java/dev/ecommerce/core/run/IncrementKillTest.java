package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.testing.ForkedJvm;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code kill -9} of a real forked build during an incremental ingest loses nothing: the warehouse's tables
 * and state are those of before, and running the increment again gives exactly the full load of that day.
 */
class IncrementKillTest {

    private static final LocalDate DAY0 = dev.ecommerce.core.config.GeneratorSpec.DEFAULT_ANCHOR;
    private static final LocalDate DAY3 = DAY0.plusDays(3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"  orders: incremental", "Bulk load:", "Replacing "})
    void aKilledIncrementLeavesDataAndStateAsTheyWereAndTheRerunCatchesUp(String point) throws Exception {
        Path work = dir.resolve("work");
        Pipeline.ingest(IncrementKillChild.spec(work, DAY0, LoadMode.FULL), ProgressListener.NONE);
        Path before = dir.resolve("before.duckdb");
        Files.copy(work.resolve("warehouse.duckdb"), before);
        Map<Table, TableOrigin> originsBefore = origins(before);

        forkAndKill(work, point);

        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(work.resolve("warehouse.duckdb"), before, table))
                    .as("%s after a kill at '%s'", table, point)
                    .isZero();
        }
        assertThat(origins(work.resolve("warehouse.duckdb"))).isEqualTo(originsBefore);

        Pipeline.ingest(IncrementKillChild.spec(work, DAY3, LoadMode.INCREMENTAL), ProgressListener.NONE);
        Path full = dir.resolve("full");
        Pipeline.ingest(IncrementKillChild.spec(full, DAY3, LoadMode.FULL), ProgressListener.NONE);
        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(work.resolve("warehouse.duckdb"), full.resolve("warehouse.duckdb"), table))
                    .as("%s after the rerun", table)
                    .isZero();
        }
        assertThat(origins(work.resolve("warehouse.duckdb")).get(Table.ORDERS).window())
                .isNotNull();
    }

    /**
     * A backfill of four monthly chunks killed in its third chunk (reading, or committing) keeps the first two
     * chunks with their state; the rerun resumes at the third and ends equal to the full load, nothing duplicated.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Backfill chunk 3 of 4", "Replacing #3"})
    void aKilledBackfillKeepsItsCommittedChunksAndResumesAfterThem(String point) throws Exception {
        Path work = dir.resolve("work");
        Path warehouse = work.resolve("warehouse.duckdb");
        Pipeline.ingest(IncrementKillChild.spec(work, DAY0, LoadMode.FULL), ProgressListener.NONE);
        Path full = dir.resolve("full");
        Pipeline.ingest(IncrementKillChild.spec(full, BackfillTest.DAY10, LoadMode.FULL), ProgressListener.NONE);

        Process child = ForkedJvm.start(
                IncrementKillChild.class,
                dir.resolve("child.err"),
                work.toString(),
                BackfillTest.DAY10.toString(),
                point,
                BackfillTest.FROM.toString(),
                BackfillTest.TO.toString());
        ForkedJvm.killWhenStopped(child, dir.resolve("child.err"), point);

        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            assertThat(opened.backfills().get(Table.ORDERS).doneUntil())
                    .as("the two chunks committed before the kill")
                    .isEqualTo(java.time.Instant.parse("2025-12-01T00:00:00Z"));
            assertThat(opened.origins().get(Table.ORDERS).window().until())
                    .isEqualTo(java.time.Instant.parse("2025-12-01T00:00:00Z"));
            // October and November are day 10's already, December not yet.
            assertThat(opened.queryLong("SELECT count(*) FROM orders WHERE created_at >= '2025-12-01'"
                            + " AND created_at < '2026-01-01' AND status IN ('Shipped', 'Complete', 'Returned')"))
                    .isLessThan(countIn(full.resolve("warehouse.duckdb")));
        }

        List<String> steps = new java.util.ArrayList<>();
        Pipeline.ingest(
                IncrementKillChild.backfill(work, BackfillTest.DAY10, BackfillTest.FROM, BackfillTest.TO), e -> {
                    if (e instanceof ProgressEvent.Step step) {
                        steps.add(step.message());
                    }
                });

        assertThat(steps).anyMatch(s -> s.contains("resuming at 2025-12-01T00:00:00Z (the 2 before were committed"));
        assertThat(steps.stream().filter(s -> s.startsWith("Backfill chunk ")))
                .containsExactly(
                        "Backfill chunk 3 of 4: 2025-12-01T00:00:00Z .. 2026-01-01T00:00:00Z",
                        "Backfill chunk 4 of 4: 2026-01-01T00:00:00Z .. 2026-01-12T00:00:00Z");
        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(warehouse, full.resolve("warehouse.duckdb"), table))
                    .as("%s after the resumed backfill", table)
                    .isZero();
        }
        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            assertThat(opened.backfills().get(Table.ORDERS).doneUntil())
                    .isEqualTo(java.time.Instant.parse("2026-01-12T00:00:00Z"));
            assertThat(opened.queryLong("SELECT count(*) - count(DISTINCT order_id) FROM orders"))
                    .as("no order twice")
                    .isZero();
        }
    }

    private static long countIn(Path warehouse) {
        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            return opened.queryLong("SELECT count(*) FROM orders WHERE created_at >= '2025-12-01'"
                    + " AND created_at < '2026-01-01' AND status IN ('Shipped', 'Complete', 'Returned')");
        }
    }

    private static Map<Table, TableOrigin> origins(Path warehouse) {
        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            return opened.origins();
        }
    }

    private void forkAndKill(Path work, String point) throws Exception {
        Path err = dir.resolve("child.err");
        Process child = ForkedJvm.start(IncrementKillChild.class, err, work.toString(), DAY3.toString(), point);
        ForkedJvm.killWhenStopped(child, err, point);
    }
}
