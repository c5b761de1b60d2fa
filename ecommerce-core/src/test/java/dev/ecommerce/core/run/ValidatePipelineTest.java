package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate step: reports, the three policies, and that no row is lost. */
class ValidatePipelineTest {

    @TempDir
    Path work;

    private Path warehouse;
    private long orders;
    private Locale locale;

    @BeforeEach
    void ingest() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH); // Hibernate Validator's messages follow the default locale
        warehouse = work.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(work, warehouse, List.of(Table.ORDERS, Table.USERS), Fixtures.generator(42, 0.005, 2)),
                ProgressListener.NONE);
        orders = count("SELECT count(*) FROM orders");
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(locale);
    }

    private void plantBadOrders() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE orders SET status = 'Lost' WHERE order_id = 3");
            statement.execute("UPDATE orders SET status = 'Processing', shipped_at = created_at WHERE order_id = 5");
        }
    }

    private long count(String sql) {
        try (Warehouse w = Warehouse.openForRead(warehouse)) {
            return w.queryLong(sql);
        }
    }

    private Pipeline.ValidateResult validate(OnInvalid policy, double maxInvalidRatio) {
        return Pipeline.validate(
                new ValidateSpec(
                        work, warehouse, List.of(Table.ORDERS, Table.USERS), policy, maxInvalidRatio, Map.of()),
                ProgressListener.NONE);
    }

    @Test
    void generatedDataPassesAndTheReportsSaySo() throws Exception {
        Pipeline.ValidateResult result = validate(OnInvalid.FAIL, 0);
        assertThat(result.tables())
                .extracting(ValidationReport.TableReport::rowsRejected)
                .containsExactly(0L, 0L);
        assertThat(result.tables().get(0).rowsChecked()).isEqualTo(orders);
        String junit = Files.readString(work.resolve("reports/junit/TEST-ecommerce-contracts.xml"));
        assertThat(junit)
                .contains("<testsuite name=\"contracts.orders\"")
                .contains("failures=\"0\"")
                .contains("<testcase classname=\"contracts.orders\" name=\"status OneOf\"")
                .doesNotContain("<failure");
        assertThat(work.resolve("reports/validation.json")).exists();
        RunManifest.Validation validation = RunManifest.read(work).orElseThrow().validation();
        assertThat(validation.onInvalid()).isEqualTo("fail");
        assertThat(validation.tables())
                .extracting(RunManifest.ValidationEntry::rowsRejected)
                .containsExactly(0L, 0L);
    }

    @Test
    void failNamesTheTablesTheCountsAndTheFirstViolationsAndMovesNothing() throws Exception {
        plantBadOrders();
        assertThatThrownBy(() -> validate(OnInvalid.FAIL, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("orders 2 of " + String.format(Locale.ROOT, "%,d", orders) + " rows")
                .hasMessageContaining("orders row 3: status ")
                .hasMessageContaining("(Lost)")
                .hasMessageContaining("orders row 5:")
                .hasMessageContaining(Setting.ON_INVALID.set("quarantine"));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(orders);
        String junit = Files.readString(work.resolve("reports/junit/TEST-ecommerce-contracts.xml"));
        assertThat(junit)
                .contains("<failure type=\"OneOf\"")
                .contains("1 of " + String.format(Locale.ROOT, "%,d", orders));
    }

    @Test
    void quarantineMovesExactlyTheInvalidRowsAndLosesNothing() throws Exception {
        plantBadOrders();
        Pipeline.ValidateResult result = validate(OnInvalid.QUARANTINE, 0.5);
        assertThat(result.tables().get(0).rowsRejected()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(orders - 2);
        assertThat(count("SELECT count(*) FROM orders__rejected")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM orders__rejected WHERE order_id IN (3, 5)"))
                .isEqualTo(2);
        assertThat(
                        count(
                                "SELECT count(*) FROM orders__rejected WHERE order_id = 3 AND _violations LIKE 'status OneOf: %'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM orders WHERE order_id IN (3, 5)"))
                .isZero();
        // A second validation finds nothing more and keeps what was moved aside.
        validate(OnInvalid.QUARANTINE, 0.5);
        assertThat(count("SELECT count(*) FROM orders__rejected")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(orders - 2);
        // A new ingest replaces the data and its verdicts.
        Pipeline.ingest(
                new IngestSpec(work, warehouse, List.of(Table.ORDERS), Fixtures.generator(42, 0.005, 2)),
                ProgressListener.NONE);
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders__rejected'"))
                .isZero();
    }

    @Test
    void quarantineStillFailsAboveTheRatioAfterMovingTheRowsAside() throws Exception {
        plantBadOrders();
        assertThatThrownBy(() -> validate(OnInvalid.QUARANTINE, 0.0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(Setting.MAX_INVALID_RATIO.ref() + " 0.0")
                .hasMessageContaining("orders 2 of");
        assertThat(count("SELECT count(*) FROM orders") + count("SELECT count(*) FROM orders__rejected"))
                .isEqualTo(orders);
    }

    @Test
    void warnKeepsEveryRowButSinksLeaveTheInvalidOnesOut() throws Exception {
        plantBadOrders();
        Pipeline.ValidateResult result = validate(OnInvalid.WARN, 0);
        assertThat(result.tables().get(0).rowsRejected()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM orders__rejected")).isEqualTo(2);
        Pipeline.SinkResult sunk = sink(false);
        assertThat(sunk.tables().get(0).rows()).isEqualTo(orders - 2); // the summary counts exported rows
        List<String> csv = Files.readAllLines(work.resolve("out/orders.csv"));
        assertThat(csv).hasSize(1 + (int) orders - 2);
        assertThat(csv).noneMatch(line -> line.startsWith("3,") || line.startsWith("5,"));
        assertThat(work.resolve("out/orders__rejected.csv")).doesNotExist();
    }

    @Test
    void rejectedRowsAreExportedOnRequestWithTheirViolations() throws Exception {
        plantBadOrders();
        validate(OnInvalid.QUARANTINE, 0.5);
        sink(true);
        assertThat(Files.readAllLines(work.resolve("out/orders.csv"))).hasSize(1 + (int) orders - 2);
        List<String> rejected = Files.readAllLines(work.resolve("out/orders__rejected.csv"));
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(0)).endsWith(",_violations");
        assertThat(rejected.get(1)).startsWith("3,").contains("status OneOf");
        assertThat(work.resolve("out/users__rejected.csv")).doesNotExist(); // users had nothing rejected
    }

    @Test
    void personalDataIsMaskedInViolationsAndReports() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE users SET email = 'jane.secret.at.example' WHERE id = 7");
        }
        Pipeline.ValidateResult result = validate(OnInvalid.WARN, 0);
        ValidationReport.TableReport users = result.tables().get(1);
        assertThat(users.violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.rowKey()).isEqualTo(7L);
            assertThat(v.property()).isEqualTo("email");
            assertThat(v.invalidValue()).isEqualTo("******");
        });
        assertThat(Files.readString(work.resolve("reports/validation.json")))
                .contains("\"rowKey\" : 7")
                .doesNotContain("jane.secret");
        assertThat(Files.readString(work.resolve("reports/junit/TEST-ecommerce-contracts.xml")))
                .doesNotContain("jane.secret");
    }

    private Pipeline.SinkResult sink(boolean exportRejected) {
        return Pipeline.sink(
                new SinkSpec(
                        work,
                        warehouse,
                        List.of(Table.ORDERS, Table.USERS),
                        List.of(new LocalDestinationSpec(work.resolve("out"), Set.of(FileFormat.CSV), exportRejected))),
                ProgressListener.NONE);
    }
}
