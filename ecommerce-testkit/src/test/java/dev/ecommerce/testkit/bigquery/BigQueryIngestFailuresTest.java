package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The BigQuery source's failure rules, each against a fault the local server injects. */
@ExtendWith(SharedLocalBigQuery.class)
class BigQueryIngestFailuresTest {

    private static final LocalBigQuery server = SharedLocalBigQuery.server();

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private BigQuerySpec spec(String readPath, Long maxBytesBilled, boolean dryRun, String filters) {
        return spec(readPath, maxBytesBilled, dryRun, filters, 60);
    }

    private BigQuerySpec spec(String readPath, Long maxBytesBilled, boolean dryRun, String filters, int timeout) {
        return new BigQueryParameters()
                .gcpProject("test-project")
                .filters(filters)
                .maxBytesBilled(maxBytesBilled)
                .dryRun(dryRun)
                .readPath(readPath)
                .maxAttempts(4)
                .timeoutSeconds(timeout)
                .endpoints(server.restEndpoint(), server.grpcEndpoint())
                .toSpec(Settings.none());
    }

    private Pipeline.IngestResult ingest(BigQuerySpec spec, Table... tables) {
        return Pipeline.ingest(new IngestSpec(dir, dir.resolve("warehouse.duckdb"), List.of(tables), spec), event -> {
            if (event instanceof ProgressEvent.Step step) {
                log.add(step.message());
            }
        });
    }

    private long query(String sql) {
        try (Warehouse warehouse = Warehouse.openForRead(dir.resolve("warehouse.duckdb"))) {
            return warehouse.queryLong(sql);
        }
    }

    private static long expected(String sql) throws Exception {
        try (Warehouse warehouse = Warehouse.openForRead(reference)) {
            return warehouse.queryLong(sql);
        }
    }

    private static Path reference;

    @BeforeAll
    static void reference(@TempDir Path referenceDir) throws Exception {
        Reference.ingest(referenceDir).close();
        reference = referenceDir.resolve("reference.duckdb");
    }

    @Test
    void aReadStreamBrokenMidReadResumesAtItsOffsetWithNoDuplicateAndNoGap() throws Exception {
        server.faults().breakReadRows(2, 1_500, Status.Code.INTERNAL, "RST_STREAM: stream removed");
        ingest(spec("storage", null, false, null), Table.EVENTS);
        assertThat(query("SELECT count(*) FROM events")).isEqualTo(expected("SELECT count(*) FROM events"));
        assertThat(query("SELECT count(DISTINCT id) FROM events")).isEqualTo(expected("SELECT count(*) FROM events"));
        assertThat(query("SELECT sum(id) FROM events")).isEqualTo(expected("SELECT sum(id) FROM events"));
        assertThat(log)
                .anyMatch(line -> line.contains("events: Storage Read API (Arrow, direct, 2 streams)")
                        && line.contains("resumed 2×"));
        assertThat(server.requests("ReadRows").stream().filter(r -> !"0".equals(r.parameter("offset"))))
                .as("ReadRows calls that resumed at an offset")
                .hasSize(2);
    }

    @Test
    void http5xxAndRateLimitsAreRetriedWithinTheBound() throws Exception {
        // Dry runs and queries are jobs.insert calls; the rows come from getQueryResults/tabledata.list.
        server.faults().failNext(RestMethod.JOBS_INSERT, 2, RestError.backendError());
        server.faults().failNext(RestMethod.JOBS_GET_QUERY_RESULTS, 1, RestError.internalError());
        server.faults().failNext(RestMethod.TABLEDATA_LIST, 1, RestError.rateLimitExceeded());
        ingest(spec("rest", null, false, null), Table.ORDERS);
        assertThat(query("SELECT count(*) FROM orders")).isEqualTo(expected("SELECT count(*) FROM orders"));
        assertThat(query("SELECT sum(order_id) FROM orders")).isEqualTo(expected("SELECT sum(order_id) FROM orders"));
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void resetConnectionsAreRetried() throws Exception {
        server.faults().dropConnections(RestMethod.JOBS_INSERT, 2);
        server.faults().dropConnections(RestMethod.JOBS_GET_QUERY_RESULTS, 1);
        ingest(spec("rest", null, false, null), Table.USERS);
        assertThat(query("SELECT count(*) FROM users")).isEqualTo(expected("SELECT count(*) FROM users"));
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a client that waited fails, not hangs
    void aStalledResponseTimesOutAndIsRetried() throws Exception {
        // The stall lasts until the test releases it: only the 2 s timeout and a retry can finish the ingest.
        server.faults().stallResponses(RestMethod.JOBS_GET_QUERY_RESULTS, 1);
        ingest(spec("rest", null, false, null, 2), Table.ORDERS);
        assertThat(server.faults().stalledResponses()).isOne(); // finished while the first answer was still held
        server.faults().releaseStalls();
        assertThat(query("SELECT count(*) FROM orders")).isEqualTo(expected("SELECT count(*) FROM orders"));
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void aTransientErrorThatOutlastsTheRetriesFailsNamingTheTable() {
        server.faults().failNext(RestMethod.JOBS_INSERT, 10, RestError.backendError());
        assertThatThrownBy(() -> ingest(spec("rest", null, false, null), Table.ORDERS))
                .hasMessageContaining("backendError on orders")
                .hasMessageContaining("after 4 attempts");
        assertThat(dir.resolve("warehouse.duckdb")).doesNotExist();
    }

    @Test
    void permissionErrorsFailFastWithWhatToChange() {
        server.faults().failNext(ReadRpc.CREATE_READ_SESSION, 1, Status.Code.PERMISSION_DENIED, "no read sessions");
        assertThatThrownBy(() -> ingest(spec("storage", null, false, null), Table.USERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("accessDenied on users")
                .hasMessageContaining("roles/bigquery.readSessionUser");
        assertThat(server.requests("CreateReadSession")).hasSize(1); // not retried
    }

    @Test
    void theCostGuardStopsBeforeAnyQueryRuns() {
        assertThatThrownBy(() -> ingest(spec("storage", 1_000L, false, null), Table.ORDERS, Table.ORDER_ITEMS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("exceeds " + Setting.MAX_BYTES_BILLED.ref() + " 1000")
                .hasMessageContaining("orders ")
                .hasMessageContaining("order_items ")
                .hasMessageContaining("Nothing was queried");
        assertThat(server.requests("jobs.insert")).hasSize(2); // the two dry runs, nothing else
        assertThat(server.requests("jobs.getQueryResults")).isEmpty();
        assertThat(server.requests("CreateReadSession")).isEmpty();
        assertThat(dir.resolve("warehouse.duckdb")).doesNotExist();
    }

    @Test
    void aDryRunLogsTheEstimateAndLoadsNothing() {
        Pipeline.IngestResult result = ingest(spec("storage", null, true, null), Table.USERS, Table.EVENTS);
        assertThat(result.dryRun()).isTrue();
        assertThat(log).anyMatch(line -> line.startsWith("  users: estimated "));
        assertThat(log).anyMatch(line -> line.startsWith("BigQuery estimate: ") && line.contains("for 2 tables"));
        assertThat(dir.resolve("warehouse.duckdb")).doesNotExist();
        assertThat(server.requests("CreateReadSession")).isEmpty();
    }

    @Test
    void aFailedIngestLeavesThePreviousTableIntact() {
        ingest(spec("storage", null, false, null), Table.ORDERS);
        long before = query("SELECT count(*) FROM orders");
        server.faults().failNext(ReadRpc.READ_ROWS, 1, Status.Code.PERMISSION_DENIED, "read access revoked");
        assertThatThrownBy(() -> ingest(spec("storage", null, false, null), Table.ORDERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("accessDenied on orders");
        assertThat(query("SELECT count(*) FROM orders")).isEqualTo(before);
    }

    @Test
    void filteredReadsGoThroughTheQueryResultTable() throws Exception {
        ingest(spec("storage", null, false, "orders: status = 'Complete' AND num_of_item >= 2"), Table.ORDERS);
        assertThat(query("SELECT count(*) FROM orders"))
                .isEqualTo(expected("SELECT count(*) FROM orders WHERE status = 'Complete' AND num_of_item >= 2"))
                .isPositive();
        assertThat(server.requests("jobs.insert")).hasSize(2); // the dry run and the query
        assertThat(log).anyMatch(line -> line.contains("orders: Storage Read API (Arrow, query result"));
    }

    @Test
    void aMissingDatasetSaysWhichSettingToCheck() {
        BigQuerySpec wrong = new BigQueryParameters()
                .gcpProject("test-project")
                .dataset("bigquery-public-data.no_such_dataset")
                .readPath("storage")
                .maxAttempts(4)
                .timeoutSeconds(60)
                .endpoints(server.restEndpoint(), server.grpcEndpoint())
                .toSpec(Settings.none());
        assertThatThrownBy(() -> ingest(wrong, Table.ORDERS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("notFound on orders")
                .hasMessageContaining("Check " + Setting.DATASET.ref() + " (bigquery-public-data.no_such_dataset)");
    }
}
