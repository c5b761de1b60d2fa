package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.InternalException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fault type, as the real clients see it. */
class FaultsTest {

    private static final String COUNT_ORDERS = "SELECT COUNT(*) FROM `bigquery-public-data.thelook_ecommerce.orders`";
    private static final TableId USERS = TableId.of("bigquery-public-data", "thelook_ecommerce", "users");

    @RegisterExtension
    static final SharedLocalBigQuery local = new SharedLocalBigQuery();

    private static final LocalBigQuery server = SharedLocalBigQuery.server();
    private static final Reference reference = SharedLocalBigQuery.reference();

    private static long countOrders(BigQuery bigQuery) throws InterruptedException {
        TableResult result =
                bigQuery.query(QueryJobConfiguration.newBuilder(COUNT_ORDERS).build());
        return result.getValues().iterator().next().get(0).getLongValue();
    }

    private static List<String> faultsOf(String method) {
        return server.requests(method).stream().map(RecordedRequest::fault).toList();
    }

    @Test
    void aBackendErrorReachesTheCallerAtOnce() throws Exception {
        // google-cloud-bigquery 2.59 does not retry HTTP 5xx answers itself (its retry loop sees the raw
        // GoogleJsonResponseException, which is not on its retry list): the caller gets the first one.
        server.faults().failNext(RestMethod.JOBS_QUERY, 2, RestError.backendError());
        BigQuery bigQuery = Clients.bigQuery(server);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> countOrders(bigQuery)).isInstanceOfSatisfying(BigQueryException.class, e -> {
                assertThat(e.getCode()).isEqualTo(503);
                assertThat(e.getReason()).isEqualTo("backendError");
                assertThat(e.isRetryable()).isTrue();
            });
        }
        assertThat(countOrders(bigQuery)).isEqualTo(reference.queryLong("SELECT count(*) FROM orders"));
        assertThat(faultsOf("jobs.query")).containsExactly("error 503 backendError", "error 503 backendError", null);
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void rateLimitExceededIsRetriedByTheClientOnItsMessage() throws Exception {
        server.faults().failNext(RestMethod.JOBS_QUERY, 1, RestError.rateLimitExceeded());

        assertThat(countOrders(Clients.bigQuery(server))).isPositive();
        assertThat(faultsOf("jobs.query")).containsExactly("error 403 rateLimitExceeded", null);
    }

    @Test
    void accessDeniedAndNotFoundAreNotRetried() {
        BigQuery bigQuery = Clients.bigQuery(server);
        server.faults().failNext(RestMethod.TABLES_GET, 1, RestError.accessDenied());
        server.faults().failNext(RestMethod.TABLEDATA_LIST, 1, RestError.notFound());

        assertThatThrownBy(() -> bigQuery.getTable(USERS)).isInstanceOfSatisfying(BigQueryException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getReason()).isEqualTo("accessDenied");
        });
        assertThatThrownBy(() -> bigQuery.listTableData(USERS, BigQuery.TableDataListOption.pageSize(10)))
                .isInstanceOfSatisfying(BigQueryException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getReason()).isEqualTo("notFound");
                });
        assertThat(server.requests())
                .extracting(RecordedRequest::method)
                .containsExactly("tables.get", "tabledata.list");
        assertThat(bigQuery.getTable(USERS).getNumRows().longValue()).isPositive(); // disarmed after one call
    }

    @Test
    void aDroppedConnectionIsAnIoErrorTheClientRetries() throws Exception {
        server.faults().dropConnections(2);

        assertThat(countOrders(Clients.bigQuery(server))).isPositive();
        assertThat(faultsOf("jobs.query")).containsExactly("dropped", "dropped", null);

        // A GET is resent once by the JDK's HttpURLConnection itself; the second drop reaches the client.
        server.clearRequests();
        server.faults().dropConnections(RestMethod.TABLES_GET, 2);
        assertThatThrownBy(() ->
                        Clients.bigQuery(server, 1, Duration.ofSeconds(20)).getTable(USERS))
                .isInstanceOfSatisfying(
                        BigQueryException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(java.net.SocketException.class));
        assertThat(faultsOf("tables.get")).containsExactly("dropped", "dropped");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a client that waited fails, not hangs
    void aStalledResponseTimesOutOnTheClient() {
        // The stall lasts until the test releases it, so only the client's own read timeout can end the call.
        server.faults().stallResponses(RestMethod.TABLES_GET, 1);

        // The read timeout is a SocketTimeoutException, an InterruptedIOException, which gax 2.74 takes for an
        // interrupt: the client gives up without a retry and reports an InterruptedException.
        assertThatThrownBy(() ->
                        Clients.bigQuery(server, 3, Duration.ofMillis(500)).getTable(USERS))
                .isInstanceOfSatisfying(
                        BigQueryException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(InterruptedException.class));
        assertThat(server.faults().stalledResponses()).isOne(); // the client gave up while the server still held it
        server.faults().releaseStalls();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(faultsOf("tables.get")).containsExactly("stalled");
    }

    @Test
    void aStallShorterThanTheReadTimeoutIsJustSlow() throws Exception {
        server.faults().stallResponses(RestMethod.TABLES_GET, 1, Duration.ofMillis(700));

        long start = System.nanoTime();
        assertThat(Clients.bigQuery(server).getTable(USERS).getNumRows().longValue())
                .isEqualTo(reference.queryLong("SELECT count(*) FROM users"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(faultsOf("tables.get")).containsExactly("stalled");
    }

    @Test
    void grpcFailuresFollowTheClientsRetryCodes() {
        server.faults().failNext(ReadRpc.CREATE_READ_SESSION, 1, Status.Code.UNAVAILABLE, "try again");

        ReadSession session = ReadApiTest.session(local.read(), ReadApiTest.TABLES + "users", 1, List.of("id"), null);
        assertThat(session.getStreamsCount()).isEqualTo(1);
        assertThat(faultsOf("CreateReadSession")).containsExactly("UNAVAILABLE", null);

        server.faults().failNext(ReadRpc.CREATE_READ_SESSION, 1, Status.Code.PERMISSION_DENIED, "no access");
        assertThatThrownBy(
                        () -> ReadApiTest.session(local.read(), ReadApiTest.TABLES + "users", 1, List.of("id"), null))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("no access");

        server.faults().failNext(ReadRpc.READ_ROWS, 1, Status.Code.PERMISSION_DENIED, "no rows for you");
        assertThatThrownBy(() -> local.read()
                        .client()
                        .readRowsCallable()
                        .call(ReadRowsRequest.newBuilder()
                                .setReadStream(session.getStreams(0).getName())
                                .build())
                        .iterator()
                        .hasNext())
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aStreamBrokenWithUnavailableIsResumedByTheClientAtItsOffset() throws Exception {
        ReadSession session = ReadApiTest.session(local.read(), ReadApiTest.TABLES + "events", 1, List.of("id"), null);
        server.faults().breakReadRows(1, 1000, Status.Code.UNAVAILABLE, "Connection closed with unknown cause");

        List<Long> ids = ReadApiTest.readLongs(
                local.read(), ReadApiTest.schema(session), session.getStreams(0).getName(), 0, "id");

        assertThat(ids).isEqualTo(reference.queryLongs("SELECT id FROM events ORDER BY id"));
        assertThat(server.requests("ReadRows"))
                .extracting(r -> r.parameter("offset") + " " + r.fault())
                .containsExactly("0 broken after 1000 rows", "1000 null");
    }

    @Test
    void aStreamBrokenWithInternalStopsTheClientAndResumesAtAnOffset() throws Exception {
        ReadSession session = ReadApiTest.session(local.read(), ReadApiTest.TABLES + "events", 2, List.of("id"), null);
        Schema schema = ReadApiTest.schema(session);
        String stream = session.getStreams(0).getName();
        server.faults().breakReadRows(1, 2500, Status.Code.INTERNAL, "stream removed");

        List<Long> first = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, local.allocator())) {
                        for (ReadRowsResponse response : local.read()
                                .client()
                                .readRowsCallable()
                                .call(ReadRowsRequest.newBuilder()
                                        .setReadStream(stream)
                                        .build())) {
                            try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                                    new ReadChannel(
                                            new ByteArrayReadableSeekableByteChannel(response.getArrowRecordBatch()
                                                    .getSerializedRecordBatch()
                                                    .toByteArray())),
                                    local.allocator())) {
                                new VectorLoader(root).load(batch);
                            }
                            BigIntVector id = (BigIntVector) root.getVector("id");
                            for (int i = 0; i < root.getRowCount(); i++) {
                                first.add(id.get(i));
                            }
                        }
                    }
                })
                .isInstanceOf(InternalException.class)
                .hasMessageContaining("stream removed");
        assertThat(first).hasSize(2500);

        List<Long> rest = ReadApiTest.readLongs(local.read(), schema, stream, first.size(), "id");
        List<Long> all = new ArrayList<>(first);
        all.addAll(rest);
        List<Long> expected = reference.queryLongs("SELECT id FROM events ORDER BY id");
        assertThat(all).isEqualTo(expected.subList(0, all.size())).doesNotHaveDuplicates();
        assertThat(server.requests("ReadRows"))
                .extracting(r -> r.parameter("offset"))
                .containsExactly("0", "2500");
    }
}
