package dev.ecommerce.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row the generator makes keeps every contract. */
class GeneratedDataTest {

    private static ContractEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void createEngine() {
        engine = ContractEngine.create();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 7})
    void theGeneratorsRowsBreakNoContract(long seed) {
        Path file = dir.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(dir, file, List.of(Table.values()), Fixtures.generator(seed, 0.01, 2)),
                ProgressListener.NONE);
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            for (Table table : Table.values()) {
                ContractResult result = engine.check(warehouse, table);
                assertThat(result.violations()).as(table.sqlName()).isEmpty();
                assertThat(result.invalidRowKeys()).isEmpty();
                assertThat(result.rowsChecked())
                        .isEqualTo(warehouse.rowCount(table))
                        .isPositive();
                assertThat(result.fallbackProperties())
                        .as(table.sqlName())
                        .isEqualTo(table == Table.USERS ? java.util.Set.of("email") : java.util.Set.of());
            }
            // Anonymous events (NULL user_id), orders still open on the anchor date and repeated emails are in
            // the data, and the contracts accept them.
            assertThat(warehouse.queryLong("SELECT count(*) FROM events WHERE user_id IS NULL"))
                    .isPositive();
            assertThat(warehouse.queryLong("SELECT count(*) FROM orders WHERE status IN ('Processing', 'Shipped')"))
                    .isPositive();
            assertThat(warehouse.queryLong(
                            "SELECT count(*) FROM users u GROUP BY email ORDER BY count(*) DESC LIMIT 1"))
                    .isGreaterThan(1);
        }
    }
}
