package dev.ecommerce.core.contract.tablecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TableChecks;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.TableBaseline;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check on whole tables against a generated warehouse, clean and with a planted fault. */
class TableCheckerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    static Path generated;

    @TempDir
    Path work;

    private static Path clean;

    @BeforeAll
    static void generate() {
        clean = Fixtures.ingest(generated, 0.005);
    }

    /** A copy of the clean warehouse with the statements run on it. */
    private Path copy(String... statements) throws Exception {
        Path file = work.resolve("w" + System.nanoTime() + ".duckdb");
        java.nio.file.Files.copy(clean, file);
        run(file, statements);
        return file;
    }

    private static void run(Path file, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs the checks and records the baselines, as validate does. */
    private static List<TableCheckResult> check(Path file, TableChecks checks, String runId) {
        try (Warehouse warehouse = Warehouse.openForUpdate(file)) {
            TableChecker.Outcome outcome = TableChecker.run(warehouse, List.of(Table.values()), checks, NOW, runId);
            warehouse.recordBaselines(outcome.baselines());
            return outcome.results();
        }
    }

    private static TableCheckResult find(List<TableCheckResult> results, String check, String table) {
        return results.stream()
                .filter(r -> r.check().equals(check) && r.table().equals(table))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void generatedDataPassesEveryCheck() throws Exception {
        List<TableCheckResult> results = check(copy(), TableChecks.DEFAULTS, "run-1");

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.name()).isEqualTo("pass"));
        // 5 tables with created_at, 7 volumes, 7 schemas, 7 primary keys, 8 references
        assertThat(results).hasSize(5 + 7 + 7 + 7 + 8);
        assertThat(find(results, "freshness", "orders").observed())
                .startsWith("newest 2025-12-31T")
                .endsWith(" before 2026-01-01T00:00:00Z (at most 2d)");
        assertThat(find(results, "volume", "orders").observed()).endsWith("rows, no earlier count");
        assertThat(results.stream().filter(r -> r.check().equals("foreignKey")).map(TableCheckResult::subject))
                .contains("order_items.order_id -> orders.order_id", "events.user_id -> users.id");
    }

    @Test
    void aDuplicateIdFailsThePrimaryKeyWithItsCountAndKey() throws Exception {
        Path file = copy("INSERT INTO orders SELECT * FROM orders WHERE order_id = 7");

        TableCheckResult result = find(check(file, TableChecks.DEFAULTS, "run-1"), "primaryKey", "orders");

        assertThat(result.status()).isEqualTo("fail");
        assertThat(result.subject()).isEqualTo("order_id");
        assertThat(result.offendingRows()).isEqualTo(2);
        assertThat(result.observed()).isEqualTo("2 rows share 1 keys");
        assertThat(result.examples()).containsExactly("7 (2 rows)");
        assertThatThrownBy(() -> TableChecker.failIfNeeded(List.of(result), Path.of("reports/validation.json")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("primaryKey orders (order_id): 2 rows share 1 keys, e.g. 7 (2 rows).")
                .hasMessageContaining(Setting.TABLE_CHECKS.set("primaryKeys: severity=warn"))
                .hasMessageContaining("See " + Path.of("reports/validation.json"));
    }

    @Test
    void anOrphanOrderWarnsByDefaultAndFailsWhenForeignKeysFail() throws Exception {
        Path file = copy("UPDATE orders SET user_id = 999999 WHERE order_id = 3");

        TableCheckResult warned = find(check(file, TableChecks.DEFAULTS, "run-1"), "foreignKey", "orders");
        TableCheckResult failed =
                find(check(file, TableChecks.parse("foreignKeys: severity=fail"), "run-2"), "foreignKey", "orders");

        assertThat(warned.status()).isEqualTo("warn");
        assertThat(warned.subject()).isEqualTo("orders.user_id -> users.id");
        assertThat(warned.offendingRows()).isEqualTo(1);
        assertThat(warned.observed()).isEqualTo("1 rows refer to no users row");
        assertThat(warned.examples()).containsExactly("orders 3 -> 999999");
        assertThat(failed.status()).isEqualTo("fail");
        assertThatThrownBy(() -> TableChecker.failIfNeeded(List.of(failed), Path.of("v.json")))
                .hasMessageContaining("foreignKey orders (orders.user_id -> users.id): 1 rows refer to no users row")
                .hasMessageContaining(Setting.TABLE_CHECKS.set("foreignKeys: severity=warn"));
    }

    @Test
    void anonymousEventsWithoutAUserAreNoOrphans() throws Exception {
        Path file = copy();
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            assertThat(warehouse.queryLong("SELECT count(*) FROM events WHERE user_id IS NULL"))
                    .isPositive();
        }

        assertThat(find(check(file, TableChecks.DEFAULTS, "run-1"), "foreignKey", "events")
                        .status())
                .isEqualTo("pass");
    }

    @Test
    void aDroppedColumnWarnsUnderEvolveAndIsAcceptedThenFailsUnderFreezeUntilRestored() throws Exception {
        Path file = copy();
        check(file, TableChecks.DEFAULTS, "run-1");
        run(file, "ALTER TABLE orders DROP COLUMN gender", "ALTER TABLE users ADD COLUMN score INTEGER");

        List<TableCheckResult> evolved = check(file, TableChecks.DEFAULTS, "run-2");
        assertThat(find(evolved, "schema", "orders").status()).isEqualTo("warn");
        assertThat(find(evolved, "schema", "orders").observed())
                .isEqualTo("removed gender VARCHAR since run run-1 (policy evolve)");
        assertThat(find(evolved, "schema", "users").observed())
                .isEqualTo("added score INTEGER since run run-1 (policy evolve)");
        assertThat(find(check(file, TableChecks.DEFAULTS, "run-3"), "schema", "orders")
                        .status())
                .as("evolve recorded the new schema")
                .isEqualTo("pass");

        run(file, "ALTER TABLE orders ALTER COLUMN num_of_item TYPE VARCHAR");
        TableChecks freeze = TableChecks.parse("schema: policy=freeze");
        TableCheckResult frozen = find(check(file, freeze, "run-4"), "schema", "orders");
        assertThat(frozen.status()).isEqualTo("fail");
        assertThat(frozen.observed())
                .isEqualTo("retyped num_of_item BIGINT -> VARCHAR since run run-3 (policy freeze)");
        TableCheckResult again = find(check(file, freeze, "run-5"), "schema", "orders");
        assertThat(again.status()).as("freeze kept the last accepted schema").isEqualTo("fail");
        assertThat(again.observed()).startsWith("retyped num_of_item BIGINT -> VARCHAR");
        assertThatThrownBy(() -> TableChecker.failIfNeeded(List.of(frozen), Path.of("v.json")))
                .hasMessageContaining(Setting.TABLE_CHECKS.set("schema: policy=evolve"));
    }

    @Test
    void aVolumeDropWarnsAndNoRowsFails() throws Exception {
        Path file = copy();
        check(file, TableChecks.DEFAULTS, "run-1");
        long orders;
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            orders = warehouse.rowCount(Table.ORDERS);
        }
        run(file, "DELETE FROM orders WHERE order_id % 4 <> 0", "DELETE FROM distribution_centers");

        List<TableCheckResult> results = check(file, TableChecks.DEFAULTS, "run-2");

        TableCheckResult drop = find(results, "volume", "orders");
        assertThat(drop.status()).isEqualTo("warn");
        assertThat(drop.observed())
                .contains(String.format(java.util.Locale.ROOT, "since %,d at run run-1 (at most 50%%)", orders));
        assertThat(drop.observed()).containsPattern("rows, -7\\d\\.\\d% since");
        TableCheckResult empty = find(results, "volume", "distribution_centers");
        assertThat(empty.status()).isEqualTo("fail");
        assertThat(empty.observed()).isEqualTo("no rows (10 at run run-1)");
        assertThatThrownBy(() -> TableChecker.failIfNeeded(List.of(empty), Path.of("v.json")))
                .hasMessageContaining("volume distribution_centers (rows): no rows (10 at run run-1).")
                .hasMessageContaining(Setting.TABLE_CHECKS.set("volume: off"));
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            TableBaseline kept = warehouse.baselines().get(Table.DISTRIBUTION_CENTERS);
            assertThat(kept.rows())
                    .as("a failed volume keeps the last accepted count")
                    .isEqualTo(10);
            assertThat(kept.runId()).isEqualTo("run-2");
            assertThat(warehouse.baselines().get(Table.ORDERS).rows()).isEqualTo(orders / 4);
        }
    }

    @Test
    void staleDataFailsFreshnessMeasuredFromTheAnchorDate() throws Exception {
        Path file = copy("DELETE FROM orders WHERE created_at >= TIMESTAMPTZ '2025-12-20 00:00:00+00'");

        List<TableCheckResult> results = check(file, TableChecks.parse("freshness: maxAge=3d, severity=fail"), "run-1");

        TableCheckResult stale = find(results, "freshness", "orders");
        assertThat(stale.status()).isEqualTo("fail");
        assertThat(stale.observed())
                .startsWith("newest 2025-12-1")
                .contains(" before 2026-01-01T00:00:00Z (at most 3d)");
        assertThat(find(results, "freshness", "users").status()).isEqualTo("pass");
        assertThatThrownBy(() -> TableChecker.failIfNeeded(List.of(stale), Path.of("v.json")))
                .hasMessageContaining("freshness orders (created_at): newest 2025-12-1")
                .hasMessageContaining(Setting.TABLE_CHECKS.set("freshness: maxAge=<longer>"));
    }

    @Test
    void freshnessOfDataNotGeneratedIsMeasuredFromTheRun() {
        TableOrigin bigquery =
                new TableOrigin("bigquery", "{\"dataset\":\"x\"}", "{}", "r", 1, NOW, "created_at", null, null, null);
        TableOrigin generated = new TableOrigin(
                "generated",
                "{\"kind\":\"generated\",\"anchorDate\":\"2026-01-01\"}",
                "{}",
                "r",
                1,
                NOW,
                null,
                null,
                null,
                null);

        assertThat(TableChecker.reference(bigquery, NOW)).isEqualTo(NOW);
        assertThat(TableChecker.reference(null, NOW)).isEqualTo(NOW);
        assertThat(TableChecker.reference(generated, NOW)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void checksTurnedOffDoNotRun() throws Exception {
        Path file = copy("INSERT INTO orders SELECT * FROM orders WHERE order_id = 7");

        List<TableCheckResult> results = check(file, TableChecks.parse("primaryKeys: off; foreignKeys: off"), "run-1");

        assertThat(results)
                .noneMatch(r -> r.check().equals("primaryKey") || r.check().equals("foreignKey"));
        assertThat(check(file, TableChecks.NONE, "run-2")).isEmpty();
    }
}
