package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse records where each table came from, and ingest refuses to mix tables of different data. */
class TableOriginsTest {

    @TempDir
    Path work;

    private Pipeline.IngestResult ingest(long seed, Table... tables) {
        return Pipeline.ingest(
                new IngestSpec(
                        work,
                        work.resolve("warehouse.duckdb"),
                        List.of(tables),
                        new GeneratorSpec(seed, 0.001, GeneratorSpec.DEFAULT_ANCHOR, 2)),
                event -> {});
    }

    private Map<Table, TableOrigin> origins() {
        try (Warehouse warehouse = Warehouse.openForRead(work.resolve("warehouse.duckdb"))) {
            return warehouse.origins();
        }
    }

    @Test
    void everyLoadedTableRecordsItsSourceRunAndRowsWithTheData() {
        Pipeline.IngestResult result = ingest(42, Table.PRODUCTS, Table.USERS, Table.ORDERS);

        Map<Table, TableOrigin> origins = origins();
        assertThat(origins).containsOnlyKeys(Table.PRODUCTS, Table.USERS, Table.ORDERS);
        assertThat(origins.get(Table.USERS).fingerprint())
                .isEqualTo("{\"anchorDate\":\"2026-01-01\",\"kind\":\"generated\",\"scale\":0.001,\"seed\":42}");
        assertThat(origins.get(Table.PRODUCTS).fingerprint()).isEqualTo("{\"kind\":\"generated\"}");
        assertThat(origins.get(Table.USERS).source()).isEqualTo("generated");
        assertThat(origins.get(Table.USERS).runId()).isEqualTo(result.runId());
        assertThat(origins.get(Table.USERS).rows()).isEqualTo(100); // 100,000 × 0.001
        assertThat(origins.get(Table.PRODUCTS).rows()).isEqualTo(29_120);
        result.tables()
                .forEach(summary ->
                        assertThat(origins.get(summary.table()).rows()).isEqualTo(summary.rows()));
    }

    @Test
    void loadingSomeTablesFromOtherDataFailsNamingTablesAndValuesAndChangesNothing() throws Exception {
        ingest(42, Table.PRODUCTS, Table.USERS, Table.ORDERS, Table.EVENTS);
        Map<Table, TableOrigin> before = origins();
        byte[] warehouseBefore = Files.readAllBytes(work.resolve("warehouse.duckdb"));

        assertThatThrownBy(() -> ingest(7, Table.USERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("This run would load users from other data than the rest of the warehouse")
                .hasMessageContaining("orders, events came from seed 42 (this run: 7);")
                .hasMessageContaining("add the others to " + Setting.TABLES.ref())
                .message()
                .doesNotContain("products"); // reference data does not depend on the seed
        assertThat(origins()).isEqualTo(before);
        assertThat(Files.readAllBytes(work.resolve("warehouse.duckdb"))).isEqualTo(warehouseBefore);
    }

    @Test
    void theSameDataOrAReloadOfEveryOtherTableIsAllowed() {
        ingest(42, Table.USERS, Table.ORDERS);

        ingest(42, Table.USERS); // same data: the kept orders still fit
        ingest(7, Table.USERS, Table.ORDERS); // every table reloaded: nothing is mixed

        assertThat(origins().get(Table.ORDERS).fingerprint()).contains("\"seed\":7");
        assertThat(origins().get(Table.USERS).fingerprint()).contains("\"seed\":7");
    }

    @Test
    void aWarehouseWithoutOriginsIsNotJudged() {
        try (Warehouse warehouse = Warehouse.openForWrite(work.resolve("warehouse.duckdb"));
                var load = warehouse.beginLoad(List.of(Table.DISTRIBUTION_CENTERS))) {
            load.commit(); // no origin, as a warehouse written before origins existed
        }

        ingest(7, Table.USERS);

        assertThat(origins()).containsOnlyKeys(Table.USERS);
    }
}
