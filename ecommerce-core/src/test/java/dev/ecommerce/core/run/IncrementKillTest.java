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
