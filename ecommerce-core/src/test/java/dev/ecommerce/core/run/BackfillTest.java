package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Backfill;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.BackfillMark;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills: a date range loaded in chunks, each committed with its state. Over a warehouse of day 0, a backfill as
 * of day 10 of every month a change since day 0 can reach makes it equal to a full load of day 10.
 */
class BackfillTest {

    static final LocalDate DAY0 = GeneratorSpec.DEFAULT_ANCHOR;
    static final LocalDate DAY10 = DAY0.plusDays(10);
    /** Rows created before this cannot change between day 0 and day 10 (the longest bound is 60 days). */
    static final LocalDate FROM = LocalDate.of(2025, 10, 1);

    static final LocalDate TO = DAY10.plusDays(1);

    @TempDir
    Path dir;

    private static List<String> steps(IngestSpec spec) {
        List<String> steps = new ArrayList<>();
        Pipeline.ingest(spec, event -> {
            if (event instanceof ProgressEvent.Step step) {
                steps.add(step.message());
            }
        });
        return steps;
    }

    private static Map<Table, TableOrigin> origins(Path warehouse) {
        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            return opened.origins();
        }
    }

    private static Map<Table, BackfillMark> marks(Path warehouse) {
        try (Warehouse opened = Warehouse.openForRead(warehouse)) {
            return opened.backfills();
        }
    }

    @Test
    void aBackfillOfTheChangedMonthsBringsADay0WarehouseToDay10InChunks() throws Exception {
        Path work = dir.resolve("work");
        Pipeline.ingest(IncrementKillChild.spec(work, DAY0, LoadMode.FULL), ProgressListener.NONE);
        Path full = dir.resolve("full");
        Pipeline.ingest(IncrementKillChild.spec(full, DAY10, LoadMode.FULL), ProgressListener.NONE);
        Path warehouse = work.resolve("warehouse.duckdb");
        assertThat(Fixtures.difference(warehouse, full.resolve("warehouse.duckdb"), Table.ORDERS))
                .as("day 0 and day 10 differ before the backfill")
                .isPositive();

        List<String> steps = steps(IncrementKillChild.backfill(work, DAY10, FROM, TO));

        assertThat(steps.stream().filter(s -> s.startsWith("Backfill chunk ")))
                .containsExactly(
                        "Backfill chunk 1 of 4: 2025-10-01T00:00:00Z .. 2025-11-01T00:00:00Z",
                        "Backfill chunk 2 of 4: 2025-11-01T00:00:00Z .. 2025-12-01T00:00:00Z",
                        "Backfill chunk 3 of 4: 2025-12-01T00:00:00Z .. 2026-01-01T00:00:00Z",
                        "Backfill chunk 4 of 4: 2026-01-01T00:00:00Z .. 2026-01-12T00:00:00Z");
        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(warehouse, full.resolve("warehouse.duckdb"), table))
                    .as("%s after the backfill", table)
                    .isZero();
        }
        Map<Table, TableOrigin> origins = origins(warehouse);
        assertThat(origins.get(Table.ORDERS).window().from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(origins.get(Table.ORDERS).window().until()).isEqualTo(Instant.parse("2026-01-12T00:00:00Z"));
        assertThat(origins.get(Table.ORDERS).fingerprint()).contains("\"anchorDate\":\"2026-01-11\"");
        assertThat(marks(warehouse).get(Table.ORDERS).doneUntil()).isEqualTo(Instant.parse("2026-01-12T00:00:00Z"));

        RunManifest.TableEntry orders = RunManifest.read(work).orElseThrow().ingest().tables().stream()
                .filter(t -> t.table().equals("orders"))
                .findFirst()
                .orElseThrow();
        assertThat(orders.mode()).isEqualTo("backfill");
        assertThat(orders.chunks()).isEqualTo(4);
        assertThat(orders.window()).isEqualTo("created_at 2025-10-01T00:00:00Z .. 2026-01-12T00:00:00Z");
        // Ten more days of orders, and orders of December moved on (shipped, delivered, returned).
        assertThat(orders.inserted()).isPositive();
        assertThat(orders.updated()).isPositive();

        // A completed backfill run again starts over: it resumes only one that stopped.
        List<String> again = steps(IncrementKillChild.backfill(work, DAY10, FROM, TO));
        assertThat(again.stream().filter(s -> s.startsWith("Backfill chunk "))).hasSize(4);
        assertThat(again).noneMatch(s -> s.contains("resuming"));
        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(warehouse, full.resolve("warehouse.duckdb"), table))
                    .as("%s after the second backfill", table)
                    .isZero();
        }
    }

    @Test
    void anIncrementAfterABackfillContinuesFromItsCursor() throws Exception {
        Path work = dir.resolve("work");
        Pipeline.ingest(IncrementKillChild.spec(work, DAY0, LoadMode.FULL), ProgressListener.NONE);
        Pipeline.ingest(IncrementKillChild.backfill(work, DAY10, FROM, TO), ProgressListener.NONE);
        LocalDate day12 = DAY0.plusDays(12);

        Pipeline.ingest(IncrementKillChild.spec(work, day12, LoadMode.INCREMENTAL), ProgressListener.NONE);

        Path full = dir.resolve("full");
        Pipeline.ingest(IncrementKillChild.spec(full, day12, LoadMode.FULL), ProgressListener.NONE);
        for (Table table : Table.values()) {
            assertThat(Fixtures.difference(work.resolve("warehouse.duckdb"), full.resolve("warehouse.duckdb"), table))
                    .as("%s", table)
                    .isZero();
        }
        assertThat(marks(work.resolve("warehouse.duckdb")))
                .as("an increment ends the backfill's state")
                .doesNotContainKeys(Table.ORDERS, Table.USERS);
    }

    @Test
    void aBackfillOverTablesOfOtherDataFailsNamingThem() {
        Path work = dir.resolve("work");
        Pipeline.ingest(IncrementKillChild.spec(work, DAY0, LoadMode.FULL), ProgressListener.NONE);
        IngestSpec base = IncrementKillChild.backfill(work, DAY10, FROM, TO);
        IngestSpec otherSeed = new IngestSpec(
                base.workDirectory(),
                base.warehouse(),
                base.tables(),
                new GeneratorSpec(IncrementKillChild.SEED + 1, IncrementKillChild.SCALE, DAY10, 2),
                null,
                LoadMode.FULL,
                null,
                null,
                base.backfill());

        assertThatThrownBy(() -> Pipeline.ingest(otherSeed, ProgressListener.NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("users (seed 4 (this run: 5))")
                .hasMessageContaining("orders (seed 4 (this run: 5))")
                .hasMessageContaining("load these tables whole first");
    }

    @Test
    void backfillSettingsAreChecked() {
        assertThat(Backfill.of(null, " ", null)).isNull();
        assertThatThrownBy(() -> Backfill.of("2025-01-01", null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs both {{FROM}} and {{TO}}");
        assertThatThrownBy(() -> Backfill.of("2025-02-01", "2025-01-01", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> Backfill.of("2025-13-01", "2026-01-01", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("{{FROM}} must be a date YYYY-MM-DD (UTC), not '2025-13-01'");
        assertThatThrownBy(() -> Backfill.of("2025-01-01", "2026-01-01", "year"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Valid values: day, week, month");
        assertThat(Backfill.of("2025-01-30", "2025-02-04", "week").windows("created_at"))
                .extracting(w -> w.from() + ".." + w.until())
                .containsExactly(
                        "2025-01-30T00:00:00Z..2025-02-03T00:00:00Z", "2025-02-03T00:00:00Z..2025-02-04T00:00:00Z");
    }
}
