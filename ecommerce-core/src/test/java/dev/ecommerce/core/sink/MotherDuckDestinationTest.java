package dev.ecommerce.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.MotherDuckDestinationSpec;
import dev.ecommerce.core.config.MotherDuckDestinationSpec.WriteMode;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.RunManifest;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MotherDuck destination's code path against a local DuckDB file: create, replace, re-run, upsert; replace moves
 * only the months that changed, in one transaction.
 */
class MotherDuckDestinationTest {

    private static final List<Table> TABLES = List.of(Table.USERS, Table.ORDERS, Table.DISTRIBUTION_CENTERS);

    @TempDir
    static Path shared;

    private static Path work;

    @TempDir
    Path dir;

    @BeforeAll
    static void ingest() {
        work = shared.resolve("work");
        Fixtures.ingest(work, 0.01);
    }

    private Pipeline.SinkResult sink(Path target, WriteMode mode, Path workDirectory) {
        return Pipeline.sink(
                new SinkSpec(
                        workDirectory,
                        workDirectory.resolve("warehouse.duckdb"),
                        TABLES,
                        List.of(new MotherDuckDestinationSpec(
                                target.toString(), null, mode, workDirectory.resolve("staging/motherduck")))),
                ProgressListener.NONE);
    }

    @Test
    void stagedFilesAreDeletedAfterTheRunAndThoseOfAKilledRunBeforeIt() throws Exception {
        Path staging = work.resolve("staging/motherduck");
        Files.createDirectories(staging);
        // What a run killed during staging leaves: a whole staged file and a temporary one.
        Files.writeString(staging.resolve("orders.parquet"), "old");
        Files.writeString(staging.resolve(".users.parquet.4a1f.tmp"), "");
        Files.writeString(staging.resolve("notes.txt"), "not ours");

        sink(dir.resolve("staged.duckdb"), WriteMode.REPLACE, work);

        try (var left = Files.list(staging)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        Files.delete(staging.resolve("notes.txt"));
    }

    @Test
    void createsEveryTableWithTheWarehousesRows() throws Exception {
        Path target = dir.resolve("remote/analytics.duckdb");

        Pipeline.SinkResult result = sink(target, WriteMode.REPLACE, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + target + "' AS t (READ_ONLY)");
            statement.execute("ATTACH '" + work.resolve("warehouse.duckdb") + "' AS w (READ_ONLY)");
            for (Table table : TABLES) {
                long rows = count(statement, "SELECT count(*) FROM w." + table.sqlName());
                assertThat(count(statement, "SELECT count(*) FROM t." + table.sqlName()))
                        .as(table.sqlName())
                        .isEqualTo(rows)
                        .isPositive();
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (SELECT * FROM t." + table.sqlName()
                                        + " EXCEPT ALL SELECT * FROM w." + table.sqlName() + ")"))
                        .isZero();
            }
            // Types survive the trip: timestamps stay TIMESTAMP WITH TIME ZONE.
            assertThat(string(
                            statement,
                            "SELECT data_type FROM information_schema.columns WHERE table_catalog = 't'"
                                    + " AND table_name = 'users' AND column_name = 'created_at'"))
                    .isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
        assertThat(result.files())
                .extracting(OutputFile::location)
                .containsExactly(target + "#users", target + "#orders", target + "#distribution_centers");
        assertThat(RunManifest.read(work).orElseThrow().sink().destinations())
                .containsExactly(new RunManifest.DestinationEntry("md", "succeeded", null));
    }

    @Test
    void aRerunReplacesInsteadOfAppending() throws Exception {
        Path target = dir.resolve("analytics.duckdb");
        sink(target, WriteMode.REPLACE, work);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            statement.execute("DELETE FROM users WHERE id % 2 = 0");
            statement.execute("INSERT INTO distribution_centers (id, name) VALUES (999, 'stray')");
        }

        sink(target, WriteMode.REPLACE, work);
        sink(target, WriteMode.REPLACE, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(1_000);
            assertThat(count(statement, "SELECT count(DISTINCT id) FROM users")).isEqualTo(1_000);
            assertThat(count(statement, "SELECT count(*) FROM distribution_centers"))
                    .isEqualTo(10);
        }
    }

    @Test
    void upsertReplacesRowsByPrimaryKeyAndKeepsTheOthers() throws Exception {
        Path target = dir.resolve("analytics.duckdb");
        sink(target, WriteMode.UPSERT, work); // creates the tables
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            statement.execute("UPDATE users SET first_name = 'Changed' WHERE id = 1");
            statement.execute("INSERT INTO distribution_centers (id, name) VALUES (999, 'kept')");
        }

        sink(target, WriteMode.UPSERT, work);
        sink(target, WriteMode.UPSERT, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(1_000);
            assertThat(string(statement, "SELECT first_name FROM users WHERE id = 1"))
                    .isNotEqualTo("Changed");
            assertThat(count(statement, "SELECT count(*) FROM distribution_centers"))
                    .isEqualTo(11);
            assertThat(string(statement, "SELECT name FROM distribution_centers WHERE id = 999"))
                    .isEqualTo("kept");
        }
    }

    @Test
    void rejectedRowsAreLeftOut() throws Exception {
        Path copy = dir.resolve("work");
        Fixtures.ingest(copy, 0.01);
        try (Warehouse warehouse = Warehouse.openForUpdate(copy.resolve("warehouse.duckdb"))) {
            Map<Long, String> reasons = new HashMap<>(); // markRejected looks up the NULL key too
            reasons.put(1L, "age Min: too young");
            reasons.put(2L, "email Email: not an email");
            warehouse.markRejected(Table.USERS, reasons);
        }
        Path target = dir.resolve("analytics.duckdb");

        sink(target, WriteMode.REPLACE, copy);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(998);
            assertThat(count(statement, "SELECT count(*) FROM users WHERE id IN (1, 2)"))
                    .isZero();
        }
    }

    private static final List<Table> ALL = List.of(Table.values());

    private Path ingestDay(Path workDirectory, int day, LoadMode mode, List<Table> tables) {
        Path warehouse = workDirectory.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(
                        workDirectory,
                        warehouse,
                        tables,
                        new GeneratorSpec(3, 0.005, GeneratorSpec.DEFAULT_ANCHOR.plusDays(day), 2),
                        null,
                        mode,
                        null),
                ProgressListener.NONE);
        return warehouse;
    }

    private Pipeline.SinkResult sink(Path target, Path workDirectory, List<Table> tables) {
        return Pipeline.sink(
                new SinkSpec(
                        workDirectory,
                        workDirectory.resolve("warehouse.duckdb"),
                        tables,
                        List.of(new MotherDuckDestinationSpec(
                                target.toString(), null, WriteMode.REPLACE, workDirectory.resolve("staging/md")))),
                ProgressListener.NONE);
    }

    private static TableChanges changes(Pipeline.SinkResult result, Table table) {
        return result.files().stream()
                .filter(f -> f.table() == table)
                .findFirst()
                .orElseThrow()
                .changes();
    }

    /** Rows per month ({@code yyyy-MM}, UTC) of a table in a DuckDB file, rejected rows left out. */
    private static Map<String, Long> months(Path database, Table table) throws Exception {
        Map<String, Long> months = new java.util.TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + database + "' AS d (READ_ONLY)");
            try (ResultSet rs = statement.executeQuery("SELECT strftime(timezone('UTC', created_at), '%Y-%m'),"
                    + " count(*) FROM " + exportable(statement, "d", table) + " GROUP BY 1")) {
                while (rs.next()) {
                    months.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return months;
    }

    /** The rows a sink exports from a table of an attached warehouse, as a FROM item. */
    private static String exportable(Statement statement, String catalog, Table table) throws Exception {
        String rejected = Warehouse.rejectedName(table);
        boolean hasRejected = count(
                        statement,
                        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = '" + catalog
                                + "' AND table_name = '" + rejected + "'")
                > 0;
        String key = table.key();
        return hasRejected
                ? "(SELECT * FROM " + catalog + "." + table.sqlName() + " WHERE " + key + " NOT IN (SELECT " + key
                        + " FROM " + catalog + "." + rejected + "))"
                : catalog + "." + table.sqlName();
    }

    /** Rows in one and not the other, both ways: the target's table against the warehouse's rows to sink. */
    private static long difference(Path target, Path warehouse, Table table) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + target + "' AS t (READ_ONLY)");
            statement.execute("ATTACH '" + warehouse + "' AS w (READ_ONLY)");
            String source = exportable(statement, "w", table);
            String sunk = "t." + table.sqlName();
            return count(
                    statement,
                    "SELECT (SELECT count(*) FROM (FROM " + source + " EXCEPT ALL FROM " + sunk
                            + ")) + (SELECT count(*) FROM (FROM " + sunk + " EXCEPT ALL FROM " + source + "))");
        }
    }

    private static long sum(Map<String, Long> months, List<String> which) {
        return which.stream().mapToLong(m -> months.getOrDefault(m, 0L)).sum();
    }

    @Test
    void replaceTransfersOnlyTheMonthsThatChanged() throws Exception {
        Path own = dir.resolve("daily");
        Path warehouse = ingestDay(own, 0, LoadMode.FULL, ALL);
        Path target = dir.resolve("daily.duckdb");

        Pipeline.SinkResult first = sink(target, own, ALL);

        for (Table table : ALL) {
            TableChanges changes = changes(first, table);
            assertThat(changes.replacedWhole()).as(table.sqlName()).isTrue();
            assertThat(changes.rowsInserted()).isEqualTo(count(warehouse, table));
            assertThat(difference(target, warehouse, table)).isZero();
        }
        // Nothing changed: nothing staged, nothing written, every month kept.
        Pipeline.SinkResult same = sink(target, own, ALL);
        for (Table table : ALL) {
            TableChanges changes = changes(same, table);
            assertThat(changes.monthsChanged()).as(table.sqlName()).isEmpty();
            assertThat(changes.rowsInserted() + changes.rowsDeleted()).isZero();
        }
        assertThat(changes(same, Table.ORDERS).monthsKept())
                .isEqualTo(months(warehouse, Table.ORDERS).size())
                .isGreaterThan(12);
        assertThat(changes(same, Table.PRODUCTS).monthsKept()).isEqualTo(1);
        assertThat(same.files()).allSatisfy(f -> assertThat(f.bytes()).isZero());

        for (int day = 1; day <= 3; day++) {
            Map<String, Long> before = months(target, Table.ORDERS);
            ingestDay(own, day, LoadMode.INCREMENTAL, ALL);
            Instant window;
            try (Warehouse w = Warehouse.openForRead(warehouse)) {
                window = w.origins().get(Table.ORDERS).window().from();
            }

            Pipeline.SinkResult daily = sink(target, own, ALL);

            for (Table table : ALL) {
                assertThat(difference(target, warehouse, table))
                        .as("day %d %s", day, table.sqlName())
                        .isZero();
            }
            TableChanges orders = changes(daily, Table.ORDERS);
            Map<String, Long> after = months(warehouse, Table.ORDERS);
            String windowMonth = YearMonth.from(window.atZone(ZoneOffset.UTC)).toString();
            assertThat(orders.replacedWhole()).isFalse();
            assertThat(orders.monthsChanged())
                    .isNotEmpty()
                    .allSatisfy(m -> assertThat(m).isGreaterThanOrEqualTo(windowMonth));
            assertThat(orders.monthsKept()).isGreaterThanOrEqualTo(after.size() - 2);
            assertThat(orders.rowsInserted()).isEqualTo(sum(after, orders.monthsChanged()));
            assertThat(orders.rowsDeleted()).isEqualTo(sum(before, orders.monthsChanged()));
            assertThat(changes(daily, Table.PRODUCTS).monthsChanged()).isEmpty(); // the same reference data
        }

        // A change in an old month of the warehouse: that month is rewritten, no other.
        String oldest;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            oldest = string(
                    statement, "SELECT strftime(min(created_at), '%Y-%m') FROM users WHERE created_at IS NOT NULL");
            statement.execute("UPDATE users SET first_name = 'Changed' WHERE id = (SELECT id FROM users"
                    + " ORDER BY created_at, id LIMIT 1)");
        }
        Pipeline.SinkResult planted = sink(target, own, ALL);
        TableChanges users = changes(planted, Table.USERS);
        long monthRows = months(warehouse, Table.USERS).get(oldest);
        assertThat(users.monthsChanged()).containsExactly(oldest);
        assertThat(users.rowsInserted()).isEqualTo(monthRows);
        assertThat(users.rowsDeleted()).isEqualTo(monthRows);
        assertThat(users.monthsKept()).isEqualTo(months(warehouse, Table.USERS).size() - 1);
        for (Table table : ALL) {
            if (table != Table.USERS) {
                assertThat(changes(planted, table).monthsChanged())
                        .as(table.sqlName())
                        .isEmpty();
            }
            assertThat(difference(target, warehouse, table)).isZero();
        }

        // Validation keeps an invalid row of an old month in the table (warn) but out of sinks: its month goes.
        String month;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            month = string(statement, "SELECT strftime(min(created_at), '%Y-%m') FROM orders");
            statement.execute("UPDATE orders SET status = 'Lost' WHERE order_id = (SELECT order_id FROM orders"
                    + " ORDER BY created_at, order_id LIMIT 1)");
        }
        long ordersInMonth = months(warehouse, Table.ORDERS).get(month);
        Pipeline.validate(
                new ValidateSpec(own, warehouse, List.of(Table.ORDERS), OnInvalid.WARN, 0, Map.of()),
                ProgressListener.NONE);
        Pipeline.SinkResult validated = sink(target, own, ALL);
        TableChanges orders = changes(validated, Table.ORDERS);
        assertThat(orders.monthsChanged()).containsExactly(month);
        assertThat(orders.rowsDeleted()).isEqualTo(ordersInMonth);
        assertThat(orders.rowsInserted()).isEqualTo(ordersInMonth - 1);
        assertThat(difference(target, warehouse, Table.ORDERS)).isZero();
    }

    @Test
    void aFailureOnTheSecondTableLeavesTheTargetExactlyAsItWas() throws Exception {
        Path own = dir.resolve("failing");
        Path warehouse = ingestDay(own, 0, LoadMode.FULL, ALL);
        Path target = dir.resolve("failing.duckdb");
        sink(target, own, TABLES);
        // The target's orders keep their columns but gain a constraint that a later order breaks.
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            String columns = string(
                    statement,
                    "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)"
                            + " FROM information_schema.columns WHERE table_name = 'orders'");
            String newest = string(statement, "SELECT max(created_at)::VARCHAR FROM orders");
            statement.execute("CREATE TABLE orders_checked (" + columns + ", CHECK (created_at <= TIMESTAMPTZ '"
                    + newest + "'))");
            statement.execute("INSERT INTO orders_checked SELECT * FROM orders");
            statement.execute("DROP TABLE orders");
            statement.execute("ALTER TABLE orders_checked RENAME TO orders");
        }
        Path before = dir.resolve("before.duckdb");
        Files.copy(target, before);
        ingestDay(own, 1, LoadMode.INCREMENTAL, ALL);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = duck.createStatement()) {
            statement.execute("UPDATE users SET first_name = 'Changed' WHERE id = 1");
            // An order of a later day than the target's constraint allows.
            statement.execute("UPDATE orders SET created_at = created_at + INTERVAL 7 DAY WHERE order_id = (SELECT"
                    + " order_id FROM orders ORDER BY created_at DESC, order_id LIMIT 1)");
        }
        assertThat(difference(target, warehouse, Table.USERS)).isEqualTo(2); // users changed, and come first
        assertThat(difference(target, warehouse, Table.ORDERS)).isPositive();

        assertThatThrownBy(() -> sink(target, own, TABLES))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("CHECK");

        for (Table table : TABLES) {
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = duck.createStatement()) {
                statement.execute("ATTACH '" + target + "' AS t (READ_ONLY)");
                statement.execute("ATTACH '" + before + "' AS b (READ_ONLY)");
                String t = table.sqlName();
                assertThat(count(
                                statement,
                                "SELECT (SELECT count(*) FROM (FROM t." + t + " EXCEPT ALL FROM b." + t
                                        + ")) + (SELECT count(*) FROM (FROM b." + t + " EXCEPT ALL FROM t." + t
                                        + "))"))
                        .as(t)
                        .isZero();
                assertThat(count(statement, "SELECT count(*) FROM t." + t)).isPositive();
            }
        }
        assertThat(RunManifest.read(own)
                        .orElseThrow()
                        .sink()
                        .destinations()
                        .get(0)
                        .status())
                .isEqualTo("failed");
    }

    private static long count(Path warehouse, Table table) {
        try (Warehouse w = Warehouse.openForRead(warehouse)) {
            return w.exportableRowCount(table);
        }
    }

    @Test
    void motherDuckWithoutTheExtensionSaysHowToInstallIt() {
        String token = "fake-motherduck-token-4711";
        SinkSpec spec = new SinkSpec(
                work,
                work.resolve("warehouse.duckdb"),
                List.of(Table.DISTRIBUTION_CENTERS),
                List.of(new MotherDuckDestinationSpec(
                        "md:ecommerce", Secret.of(token), WriteMode.REPLACE, dir.resolve("staging"))));

        assertThatThrownBy(() -> Pipeline.sink(spec, ProgressListener.NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The DuckDB motherduck extension is not installed, so md:ecommerce cannot be"
                        + " reached: install it once where there is network (duckdb -c 'INSTALL motherduck'")
                .hasMessageContaining(Setting.MOTHERDUCK_DATABASE.ref())
                .hasMessageNotContaining(token);
        RunManifest.DestinationEntry entry =
                RunManifest.read(work).orElseThrow().sink().destinations().get(0);
        assertThat(entry.status()).isEqualTo("failed");
        assertThat(entry.error()).contains("INSTALL motherduck").doesNotContain(token);
    }

    @Test
    void theDatabaseNameIsCheckedAndTheTokenIsMasked() {
        assertThatThrownBy(() -> new MotherDuckDestinationSpec("md:my db", null, null, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.MOTHERDUCK_DATABASE.ref() + " 'md:my db'");
        MotherDuckDestinationSpec spec = new MotherDuckDestinationSpec(null, Secret.of("tok-secret"), null, dir);
        assertThat(spec.database()).isEqualTo("md:ecommerce");
        assertThat(spec.mode()).isEqualTo(WriteMode.REPLACE);
        assertThat(spec.toString()).doesNotContain("tok-secret");
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
