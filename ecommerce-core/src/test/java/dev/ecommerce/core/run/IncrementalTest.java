package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core invariant of incremental loads: after a full load on day 0 and an increment on each following day,
 * the warehouse equals a full load of that day, table by table, while an increment reads a small part of the
 * rows. A lookback shorter than the dataset's bound misses rows that changed, and the comparison sees it.
 */
class IncrementalTest {

    private static final List<Table> ALL = List.of(Table.values());

    @TempDir
    Path dir;

    private static GeneratorSpec on(LocalDate date) {
        return new GeneratorSpec(3, 0.005, date, 2);
    }

    private Pipeline.IngestResult ingest(Path warehouse, LocalDate date, LoadMode mode, Duration lookback) {
        return Pipeline.ingest(
                new IngestSpec(
                        dir.resolve(warehouse.getFileName() + ".work"), warehouse, ALL, on(date), null, mode, lookback),
                ProgressListener.NONE);
    }

    /** Runs a full load on day 0 and increments on days 1..days; returns, per day, the differing rows of all tables. */
    private List<Long> incrementsAgainstFullLoads(String name, int days, Duration lookback) throws Exception {
        LocalDate start = GeneratorSpec.DEFAULT_ANCHOR;
        Path incremental = dir.resolve(name + ".duckdb");
        Map<Table, Long> before = rowsOf(ingest(incremental, start, LoadMode.FULL, null));
        List<Long> differences = new ArrayList<>();
        for (int day = 1; day <= days; day++) {
            LocalDate date = start.plusDays(day);
            Pipeline.IngestResult increment = ingest(incremental, date, LoadMode.INCREMENTAL, lookback);
            Path full = dir.resolve(name + "-full-" + day + ".duckdb");
            Pipeline.IngestResult reference = ingest(full, date, LoadMode.FULL, null);
            long differing = 0;
            Map<Table, Long> after = rowsOf(reference);
            for (Table table : ALL) {
                differing += Fixtures.difference(incremental, full, table);
                TableSummary line = increment.tables().stream()
                        .filter(t -> t.table() == table)
                        .findFirst()
                        .orElseThrow();
                // What the increment says it did adds up: the table grew by what it inserted less what it deleted.
                assertThat(line.changes().inserted() - line.changes().deleted())
                        .as("%s on day %d: inserted - deleted", table, day)
                        .isEqualTo(after.get(table) - before.get(table));
                if (table == Table.ORDERS) {
                    ordersUpdated += line.changes().updated();
                }
            }
            before = after;
            differences.add(differing);
            // An increment reads far fewer rows than the full load of the same day (reference data aside: it is
            // always read whole).
            long read = perUserRows(increment);
            long all = perUserRows(reference);
            assertThat(read).as("rows read on day %d", day).isLessThan(all / 5);
        }
        return differences;
    }

    private long ordersUpdated;

    private static Map<Table, Long> rowsOf(Pipeline.IngestResult result) {
        Map<Table, Long> rows = new java.util.EnumMap<>(Table.class);
        result.tables().forEach(t -> rows.put(t.table(), t.rows()));
        return rows;
    }

    private static long perUserRows(Pipeline.IngestResult result) {
        return result.tables().stream()
                .filter(t -> t.table() != Table.PRODUCTS && t.table() != Table.DISTRIBUTION_CENTERS)
                .mapToLong(TableSummary::rows)
                .sum();
    }

    @Test
    void tenDaysOfIncrementsEqualAFullLoadOfEachDay() throws Exception {
        List<Long> differences = incrementsAgainstFullLoads("daily", 10, null);

        assertThat(differences).containsOnly(0L).hasSize(10);
        assertThat(ordersUpdated)
                .as("orders moved on (status, shipping) over ten days")
                .isPositive();
        try (Warehouse warehouse = Warehouse.openForRead(dir.resolve("daily.duckdb"))) {
            Map<Table, TableOrigin> origins = warehouse.origins();
            TableOrigin orders = origins.get(Table.ORDERS);
            // The last increment's window began 11 days (the orders' bound) before the previous load's newest order,
            // 60 days for inventory, none for events, which never change.
            assertThat(orders.window().from())
                    .isBetween(Instant.parse("2025-12-14T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"));
            assertThat(origins.get(Table.INVENTORY_ITEMS).window().from())
                    .isBetween(Instant.parse("2025-10-26T00:00:00Z"), Instant.parse("2025-11-11T00:00:00Z"));
            assertThat(origins.get(Table.EVENTS).window().from())
                    .isBetween(Instant.parse("2025-12-31T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
            assertThat(orders.cursor())
                    .isBetween(Instant.parse("2025-12-25T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
            assertThat(orders.fingerprint()).contains("\"anchorDate\":\"2026-01-11\"");
            assertThat(origins.get(Table.PRODUCTS).window()).isNull(); // reference data: always whole
        }
    }

    @Test
    void aLookbackShorterThanTheDatasetsBoundMissesChangedRows() throws Exception {
        List<Long> differences = incrementsAgainstFullLoads("short", 6, Duration.ofDays(1));

        assertThat(differences.stream().mapToLong(Long::longValue).sum()).isPositive();
    }
}
