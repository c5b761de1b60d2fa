package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation after incremental loads checks only the rows loaded since the last validation (the union of the
 * windows), the whole table after a whole load or a changed contract, and ends where validating everything from
 * scratch ends.
 */
class ValidateWindowTest {

    private static final List<Table> ALL = List.of(Table.values());
    private static final LocalDate DAY0 = GeneratorSpec.DEFAULT_ANCHOR;

    @TempDir
    Path dir;

    private Locale locale;

    @BeforeEach
    void englishMessages() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(locale);
    }

    /** Another contract for orders: a few of the built-in constraints, which every generated row meets. */
    public record LooserOrderRow(
            @NotNull @Positive Long orderId, @NotNull Instant createdAt) {}

    private Path warehouse(String name) {
        return dir.resolve(name + ".duckdb");
    }

    private Path work(Path warehouse) {
        return dir.resolve(warehouse.getFileName() + ".work");
    }

    private void ingest(Path warehouse, int day, LoadMode mode) {
        Pipeline.ingest(
                new IngestSpec(
                        work(warehouse),
                        warehouse,
                        ALL,
                        new GeneratorSpec(3, 0.005, DAY0.plusDays(day), 2),
                        null,
                        mode,
                        null),
                ProgressListener.NONE);
    }

    private Pipeline.ValidateResult validate(Path warehouse, Map<Table, Class<?>> contracts) {
        return Pipeline.validate(
                new ValidateSpec(work(warehouse), warehouse, ALL, OnInvalid.QUARANTINE, 0.5, contracts),
                ProgressListener.NONE);
    }

    private static ValidationReport.TableReport report(Pipeline.ValidateResult result, Table table) {
        return result.tables().stream()
                .filter(r -> r.table().equals(table.sqlName()))
                .findFirst()
                .orElseThrow();
    }

    private static Instant window(Path warehouse, Table table) {
        try (Warehouse w = Warehouse.openForRead(warehouse)) {
            return w.origins().get(table).window().from();
        }
    }

    private static long count(Path warehouse, String sql) {
        try (Warehouse w = Warehouse.openForRead(warehouse)) {
            return w.queryLong(sql);
        }
    }

    /** Makes one order invalid (an unknown status): returns its id. */
    private static long plant(Path warehouse, String which) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            long id;
            try (ResultSet rs = statement.executeQuery("SELECT order_id FROM orders WHERE " + which)) {
                rs.next();
                id = rs.getLong(1);
            }
            statement.execute("UPDATE orders SET status = 'Lost' WHERE order_id = " + id);
            return id;
        }
    }

    private static String inside(Instant window) {
        return "created_at >= TIMESTAMPTZ '" + window + "' ORDER BY created_at, order_id LIMIT 1";
    }

    private static String outside(Instant window) {
        return "created_at < TIMESTAMPTZ '" + window + "' ORDER BY created_at DESC, order_id LIMIT 1";
    }

    @Test
    void validateChecksTheRowsLoadedSinceTheLastValidationOnly() throws Exception {
        Path w = warehouse("w");
        ingest(w, 0, LoadMode.FULL);
        long orders = count(w, "SELECT count(*) FROM orders");
        Pipeline.ValidateResult first = validate(w, Map.of());
        assertThat(report(first, Table.ORDERS).rowsChecked()).isEqualTo(orders);
        assertThat(report(first, Table.ORDERS).window()).isNull();

        // (a) one increment: the window's rows are checked, an invalid row just before the window is not.
        ingest(w, 1, LoadMode.INCREMENTAL);
        Instant window = window(w, Table.ORDERS);
        long in = plant(w, inside(window));
        long out = plant(w, outside(window));
        long windowRows = count(w, "SELECT count(*) FROM orders WHERE created_at >= TIMESTAMPTZ '" + window + "'");
        long total = count(w, "SELECT count(*) FROM orders");
        assertThat(windowRows).isPositive().isLessThan(total / 5);

        Pipeline.ValidateResult second = validate(w, Map.of());

        ValidationReport.TableReport report = report(second, Table.ORDERS);
        assertThat(report.rowsChecked()).isEqualTo(windowRows);
        assertThat(report.rowsRejected()).isEqualTo(1);
        assertThat(report.window()).isEqualTo(window.toString());
        assertThat(report.rowsValidatedBefore()).isEqualTo(total - windowRows);
        assertThat(report.scope()).contains("rows created since " + window).contains("validated before");
        assertThat(count(w, "SELECT count(*) FROM orders__rejected WHERE order_id = " + in))
                .isEqualTo(1);
        assertThat(count(w, "SELECT count(*) FROM orders__rejected WHERE order_id = " + out))
                .isZero();
        assertThat(count(w, "SELECT count(*) FROM orders WHERE order_id = " + out))
                .isEqualTo(1);
        // Reference data the generator gives unchanged is kept by the increment: nothing new to check there.
        assertThat(report(second, Table.PRODUCTS).rowsChecked()).isZero();
        assertThat(report(second, Table.PRODUCTS).rowsValidatedBefore())
                .isEqualTo(count(w, "SELECT count(*) FROM products"));
        // The reports name the window and the rows validated before.
        String junit = Files.readString(work(w).resolve("reports/junit/TEST-ecommerce-contracts.xml"));
        assertThat(junit)
                .contains("<property name=\"window\" value=\"created_at &gt;= " + window + "\"")
                .contains("<property name=\"rowsValidatedBefore\" value=\"" + (total - windowRows) + "\"")
                .contains(String.format(Locale.ROOT, "1 of %,d rows checked (created_at >= %s", windowRows, window)
                        .replace(">", "&gt;"));
        assertThat(Files.readString(work(w).resolve("reports/validation.json")))
                .contains("\"window\" : \"" + window + "\"");
        RunManifest.ValidationEntry entry = RunManifest.read(work(w)).orElseThrow().validation().tables().stream()
                .filter(e -> e.table().equals("orders"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.rowsChecked()).isEqualTo(windowRows);
        assertThat(entry.window()).isEqualTo(window.toString());

        // Nothing loaded since: nothing checked.
        Pipeline.ValidateResult again = validate(w, Map.of());
        assertThat(report(again, Table.ORDERS).rowsChecked()).isZero();
        assertThat(report(again, Table.ORDERS).rowsValidatedBefore()).isEqualTo(total - 1);

        // (b) two increments without a validation between: the union of their windows is checked.
        ingest(w, 2, LoadMode.INCREMENTAL);
        Instant second1 = window(w, Table.ORDERS);
        ingest(w, 3, LoadMode.INCREMENTAL);
        Instant second2 = window(w, Table.ORDERS);
        Instant union = second1.isBefore(second2) ? second1 : second2;
        long unionRows = count(w, "SELECT count(*) FROM orders WHERE created_at >= TIMESTAMPTZ '" + union + "'");
        assertThat(unionRows)
                .isGreaterThanOrEqualTo(
                        count(w, "SELECT count(*) FROM orders WHERE created_at >= TIMESTAMPTZ '" + second2 + "'"));

        Pipeline.ValidateResult third = validate(w, Map.of());

        assertThat(report(third, Table.ORDERS).rowsChecked()).isEqualTo(unionRows);
        assertThat(report(third, Table.ORDERS).window()).isEqualTo(union.toString());
        assertThat(report(third, Table.ORDERS).rowsRejected()).isZero();
        Instant events = window(w, Table.EVENTS);
        assertThat(report(third, Table.EVENTS).rowsChecked())
                .isGreaterThanOrEqualTo(
                        count(w, "SELECT count(*) FROM events WHERE created_at >= TIMESTAMPTZ '" + events + "'"));
    }

    @Test
    void aChangedContractChecksTheWholeTableAgain() throws Exception {
        Path w = warehouse("contract");
        ingest(w, 0, LoadMode.FULL);
        validate(w, Map.of());
        ingest(w, 1, LoadMode.INCREMENTAL);
        long total = count(w, "SELECT count(*) FROM orders");

        Pipeline.ValidateResult changed = validate(w, Map.of(Table.ORDERS, LooserOrderRow.class));

        assertThat(report(changed, Table.ORDERS).rowsChecked()).isEqualTo(total);
        assertThat(report(changed, Table.ORDERS).window()).isNull();
        assertThat(report(changed, Table.ORDERS).scope()).contains("the contract changed");
        // The other tables keep their contracts: only their window.
        Instant users = window(w, Table.USERS);
        assertThat(report(changed, Table.USERS).window()).isEqualTo(users.toString());
        // The same contract again: nothing pending; back to the built-in one: whole table again.
        assertThat(report(validate(w, Map.of(Table.ORDERS, LooserOrderRow.class)), Table.ORDERS)
                        .rowsChecked())
                .isZero();
        assertThat(report(validate(w, Map.of()), Table.ORDERS).rowsChecked()).isEqualTo(total);
    }

    @Test
    void warnChecksAgainWithoutListingARowTwice() throws Exception {
        Path w = warehouse("warn");
        ingest(w, 0, LoadMode.FULL);
        plant(w, "order_id = 3");
        ValidateSpec warn = new ValidateSpec(work(w), w, List.of(Table.ORDERS), OnInvalid.WARN, 0, Map.of());
        ValidateSpec looser = new ValidateSpec(
                work(w), w, List.of(Table.ORDERS), OnInvalid.WARN, 0, Map.of(Table.ORDERS, LooserOrderRow.class));
        Pipeline.validate(warn, ProgressListener.NONE);
        assertThat(count(w, "SELECT count(*) FROM orders__rejected")).isEqualTo(1);
        // Another contract: the whole table is judged again, and the row meets this one.
        Pipeline.validate(looser, ProgressListener.NONE);
        assertThat(count(w, "SELECT count(*) FROM orders__rejected")).isZero();
        Pipeline.validate(warn, ProgressListener.NONE);
        Pipeline.validate(warn, ProgressListener.NONE);

        assertThat(count(w, "SELECT count(*) FROM orders__rejected")).isEqualTo(1);
        assertThat(count(w, "SELECT count(*) FROM orders WHERE order_id = 3")).isEqualTo(1);
    }

    /**
     * (d) A validation after every load ends where one validation of everything at the end does: the same rows
     * in each table and in its rejected rows.
     */
    @Test
    void validatingEachWindowEndsWhereValidatingEverythingFromScratchDoes() throws Exception {
        Path each = warehouse("each");
        Path once = warehouse("once");
        for (Path w : List.of(each, once)) {
            ingest(w, 0, LoadMode.FULL);
            plant(w, "true ORDER BY created_at, order_id LIMIT 1"); // the oldest order, outside every window
        }
        validate(each, Map.of());
        for (int day = 1; day <= 3; day++) {
            for (Path w : List.of(each, once)) {
                ingest(w, day, LoadMode.INCREMENTAL);
                Instant window = window(w, Table.ORDERS);
                plant(w, inside(window)); // an invalid row arrives with the window
            }
            validate(each, Map.of());
        }

        Pipeline.ValidateResult scratch = validate(once, Map.of());

        assertThat(report(scratch, Table.ORDERS).window()).isNull();
        // The oldest order and the window's invalid row of the last day at least (an earlier day's may have been
        // loaded again, valid, by a later window).
        assertThat(count(each, "SELECT count(*) FROM orders__rejected")).isGreaterThanOrEqualTo(2);
        for (Table table : ALL) {
            assertThat(Fixtures.difference(each, once, table))
                    .as(table.sqlName())
                    .isZero();
            assertThat(rejectedDifference(each, once, table))
                    .as(Warehouse.rejectedName(table))
                    .isZero();
        }
        assertThat(count(each, "SELECT count(*) FROM orders WHERE status = 'Lost'"))
                .isZero();
    }

    private static long rejectedDifference(Path a, Path b, Table table) throws Exception {
        String name = Warehouse.rejectedName(table);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = db.createStatement()) {
            statement.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
            statement.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
            long inA = exists(statement, "a", name);
            long inB = exists(statement, "b", name);
            if (inA == 0 || inB == 0) {
                return (inA == 0 ? 0 : rows(statement, "a." + name)) + (inB == 0 ? 0 : rows(statement, "b." + name));
            }
            try (ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM (FROM a." + name
                    + " EXCEPT ALL FROM b." + name + ")) + (SELECT count(*) FROM (FROM b." + name
                    + " EXCEPT ALL FROM a."
                    + name + "))")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long exists(Statement statement, String catalog, String name) throws Exception {
        try (ResultSet rs =
                statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_catalog = '"
                        + catalog + "' AND table_name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rows(Statement statement, String table) throws Exception {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
