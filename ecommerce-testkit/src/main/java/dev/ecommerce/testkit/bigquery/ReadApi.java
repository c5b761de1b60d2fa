package dev.ecommerce.testkit.bigquery;

import com.google.cloud.bigquery.storage.v1.ArrowSchema;
import com.google.cloud.bigquery.storage.v1.BigQueryReadGrpc;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import com.google.cloud.bigquery.storage.v1.ReadStream;
import com.google.cloud.bigquery.storage.v1.StreamStats;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.Buffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BigQuery Storage Read API v1 over gRPC: CreateReadSession and ReadRows, Arrow only. A session reads a
 * table (thelook or a query's anonymous result), optionally some columns and a row restriction, in the
 * table's stable row order, split into 1 or 2 streams of consecutive rows. Batches are sized to stay well
 * under gRPC's default 4 MiB message limit, which a client on a plain {@code ManagedChannel} keeps.
 */
final class ReadApi extends BigQueryReadGrpc.BigQueryReadImplBase {

    static final String ARROW_HINT = "LocalBigQuery's Storage Read API needs Arrow: start the JVM with"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final Logger LOG = LoggerFactory.getLogger(ReadApi.class);
    private static final Pattern PARENT = Pattern.compile("projects/([^/]+)");
    private static final Pattern TABLE = Pattern.compile("projects/([^/]+)/datasets/([^/]+)/tables/([^/@$]+)");
    private static final Pattern STREAM =
            Pattern.compile("(projects/[^/]+/locations/[^/]+/sessions/[^/]+)/streams/([0-9]+)");
    private static final int MAX_BATCH_ROWS = 10_000;
    private static final long TARGET_BATCH_BYTES = 1L << 21; // 2 MiB
    private static final int MAX_MESSAGE_BYTES = 3 << 20; // 3 MiB, under gRPC's default 4 MiB
    private static final long SESSION_SECONDS = 6 * 3600;

    /** A read session: what to read and how the rows split into streams. */
    private record Session(
            String name,
            TableMeta table,
            List<BqField> fields,
            String predicate,
            List<long[]> streams,
            Schema schema,
            int batchRows) {}

    private final Catalog catalog;
    private final QueryTranslator translator;
    private final Faults faults;
    private final RequestLog log;
    private final BufferAllocator allocator;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final StreamCache cache;
    private final AtomicLong sequence = new AtomicLong();

    ReadApi(Catalog catalog, QueryTranslator translator, Faults faults, RequestLog log, long cacheBytes) {
        this.catalog = catalog;
        this.cache = new StreamCache(cacheBytes);
        this.translator = translator;
        this.faults = faults;
        this.log = log;
        this.allocator = arrowAvailable() ? new RootAllocator() : null;
    }

    /** True when Arrow can allocate memory in this JVM (java.nio is open to it). */
    static boolean arrowAvailable() {
        return Buffer.class.getModule().isOpen("java.nio", ReadApi.class.getModule());
    }

    void close() {
        if (allocator != null) {
            try {
                allocator.close();
            } catch (IllegalStateException e) { // a ReadRows call still ran when the server stopped
                LOG.warn("LocalBigQuery stopped during a ReadRows call: {}", e.getMessage());
            }
        }
    }

    void clearCache() {
        cache.clear();
    }

    long cacheBytes() {
        return cache.bytes();
    }

    @Override
    public void createReadSession(CreateReadSessionRequest request, StreamObserver<ReadSession> observer) {
        ReadSession requested = request.getReadSession();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("parent", request.getParent());
        parameters.put("table", requested.getTable());
        parameters.put("max_stream_count", Integer.toString(request.getMaxStreamCount()));
        parameters.put("data_format", requested.getDataFormat().name());
        parameters.put(
                "selected_fields", String.join(",", requested.getReadOptions().getSelectedFieldsList()));
        parameters.put("row_restriction", requested.getReadOptions().getRowRestriction());
        if (requested.getTableModifiers().hasSnapshotTime()) {
            parameters.put(
                    "snapshot_time",
                    Long.toString(
                            requested.getTableModifiers().getSnapshotTime().getSeconds()));
        }
        Optional<Status> fault = faults.takeRpcFailure(ReadRpc.CREATE_READ_SESSION);
        log.add(new RecordedRequest(
                ReadRpc.CREATE_READ_SESSION.rpcName(),
                ReadRpc.CREATE_READ_SESSION.fullName(),
                parameters,
                fault.map(s -> s.getCode().name()).orElse(null)));
        if (fault.isPresent()) {
            observer.onError(fault.get().asRuntimeException());
            return;
        }
        try {
            observer.onNext(createSession(request));
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        } catch (RuntimeException e) {
            LOG.warn("LocalBigQuery: CreateReadSession failed", e);
            observer.onError(
                    Status.INTERNAL.withDescription("LocalBigQuery: " + e).asRuntimeException());
        }
    }

    private ReadSession createSession(CreateReadSessionRequest request) {
        if (allocator == null) {
            throw Status.FAILED_PRECONDITION.withDescription(ARROW_HINT).asRuntimeException();
        }
        Matcher parent = PARENT.matcher(request.getParent());
        if (!parent.matches()) {
            throw invalid("parent must be projects/{project}, got '" + request.getParent() + "'");
        }
        ReadSession requested = request.getReadSession();
        if (requested.getDataFormat() != DataFormat.ARROW) {
            throw invalid("LocalBigQuery serves data_format ARROW only, got " + requested.getDataFormat());
        }
        if (request.getMaxStreamCount() < 0) {
            throw invalid("max_stream_count must not be negative");
        }
        Matcher path = TABLE.matcher(requested.getTable());
        if (!path.matches()) {
            throw invalid("read_session.table must be projects/{project}/datasets/{dataset}/tables/{table}, got '"
                    + requested.getTable() + "'");
        }
        TableMeta table;
        try {
            table = catalog.require(new TableRef(path.group(1), path.group(2), path.group(3)));
        } catch (BigQueryApiException e) {
            throw status(e);
        }
        List<BqField> fields = selected(table, requested.getReadOptions().getSelectedFieldsList());
        String restriction = requested.getReadOptions().getRowRestriction();
        String predicate;
        try {
            predicate = restriction.isBlank()
                    ? null
                    : translator.predicate(restriction).sql();
        } catch (BigQueryApiException e) {
            throw status(e);
        }
        long rows = count(table, predicate);
        int streamCount = rows == 0 ? 0 : request.getMaxStreamCount() == 1 || rows < 2 ? 1 : 2;
        List<long[]> ranges = new ArrayList<>();
        long first = (rows + 1) / 2;
        if (streamCount == 1) {
            ranges.add(new long[] {0, rows});
        } else if (streamCount == 2) {
            ranges.add(new long[] {0, first});
            ranges.add(new long[] {first, rows});
        }
        long selectedBytes = 0;
        for (BqField field : fields) {
            selectedBytes += table.columnBytes().get(table.indexOf(field.name()));
        }
        long rowBytes = Math.max(1, table.rows() == 0 ? 1 : selectedBytes / table.rows()) + 8L * fields.size();
        int batchRows = (int) Math.max(1, Math.min(MAX_BATCH_ROWS, TARGET_BATCH_BYTES / rowBytes));
        Schema schema = ArrowStreams.schema(fields);
        String name = request.getParent() + "/locations/" + Catalog.LOCATION.toLowerCase(java.util.Locale.ROOT)
                + "/sessions/local" + sequence.incrementAndGet();
        sessions.put(name, new Session(name, table, fields, predicate, ranges, schema, batchRows));
        ReadSession.Builder session = requested.toBuilder()
                .setName(name)
                .setExpireTime(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000 + SESSION_SECONDS))
                .setDataFormat(DataFormat.ARROW)
                .setArrowSchema(ArrowSchema.newBuilder().setSerializedSchema(ArrowStreams.serialize(schema)))
                .setEstimatedRowCount(rows)
                .setEstimatedTotalBytesScanned(selectedBytes)
                .clearStreams();
        for (int i = 0; i < ranges.size(); i++) {
            session.addStreams(ReadStream.newBuilder().setName(name + "/streams/" + i));
        }
        return session.build();
    }

    private static List<BqField> selected(TableMeta table, List<String> names) {
        if (names.isEmpty()) {
            return table.fields();
        }
        boolean[] keep = new boolean[table.fields().size()];
        for (String name : names) {
            int index = table.indexOf(name);
            if (index < 0) {
                throw invalid("selected_fields: " + name + " is not a column of "
                        + table.ref().display());
            }
            keep[index] = true;
        }
        List<BqField> fields = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) { // table order, whatever the request's order
            if (keep[i]) {
                fields.add(table.fields().get(i));
            }
        }
        return fields;
    }

    private long count(TableMeta table, String predicate) {
        try (DuckDBConnection connection = catalog.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SqlText.count(table, predicate))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw invalid("row_restriction: " + e.getMessage());
        }
    }

    @Override
    public void readRows(ReadRowsRequest request, StreamObserver<ReadRowsResponse> observer) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("read_stream", request.getReadStream());
        parameters.put("offset", Long.toString(request.getOffset()));
        Optional<Status> failure = faults.takeRpcFailure(ReadRpc.READ_ROWS);
        Optional<Faults.Break> breaking = failure.isPresent() ? Optional.empty() : faults.takeReadRowsBreak();
        log.add(new RecordedRequest(
                ReadRpc.READ_ROWS.rpcName(),
                ReadRpc.READ_ROWS.fullName(),
                parameters,
                failure.map(s -> s.getCode().name())
                        .or(() -> breaking.map(b -> "broken after " + b.afterRows() + " rows"))
                        .orElse(null)));
        if (failure.isPresent()) {
            observer.onError(failure.get().asRuntimeException());
            return;
        }
        ServerCallStreamObserver<ReadRowsResponse> call = (ServerCallStreamObserver<ReadRowsResponse>) observer;
        try {
            Matcher matcher = STREAM.matcher(request.getReadStream());
            Session session = matcher.matches() ? sessions.get(matcher.group(1)) : null;
            int index = session == null ? -1 : Integer.parseInt(matcher.group(2));
            if (session == null || index >= session.streams().size()) {
                throw Status.NOT_FOUND
                        .withDescription("Requested stream not found: " + request.getReadStream())
                        .asRuntimeException();
            }
            long[] range = session.streams().get(index);
            long length = range[1] - range[0];
            long offset = request.getOffset();
            if (offset < 0 || offset > length) {
                throw Status.OUT_OF_RANGE
                        .withDescription("offset " + offset + " is outside the stream's " + length + " rows")
                        .asRuntimeException();
            }
            long stop =
                    breaking.map(b -> Math.min(length, offset + b.afterRows())).orElse(length);
            boolean completed = stream(session, range[0], offset, stop, length, call);
            if (!completed) {
                return; // cancelled by the client
            }
            if (stop < length) {
                call.onError(breaking.get().status().asRuntimeException());
            } else {
                call.onCompleted();
            }
        } catch (StatusRuntimeException e) {
            call.onError(e);
        } catch (RuntimeException | SQLException e) {
            LOG.warn("LocalBigQuery: ReadRows failed", e);
            call.onError(Status.INTERNAL.withDescription("LocalBigQuery: " + e).asRuntimeException());
        }
    }

    /** Sends rows [from, to) of a stream; returns false when the client cancelled. */
    private boolean stream(
            Session session,
            long streamStart,
            long from,
            long to,
            long length,
            ServerCallStreamObserver<ReadRowsResponse> call)
            throws SQLException {
        if (to <= from) {
            return true;
        }
        String key = StreamCache.key(
                session.table().ref().display(),
                session.fields(),
                session.predicate(),
                streamStart,
                length,
                session.batchRows());
        Optional<List<Chunk>> cached = to == length ? cache.from(key, from) : Optional.empty();
        if (cached.isPresent()) {
            long sent = from;
            for (Chunk chunk : cached.get()) {
                if (!awaitReady(call)) {
                    return false;
                }
                call.onNext(response(chunk, sent, length));
                sent += chunk.rows();
            }
            return true;
        }
        List<Chunk> filled = from == 0 && to == length ? new ArrayList<>() : null;
        List<String> columns =
                session.fields().stream().map(f -> SqlText.identifier(f.name())).toList();
        String sql = SqlText.page(columns, session.table(), session.predicate(), streamStart + from, to - from);
        long sent = from;
        try (BufferAllocator own = allocator.newChildAllocator(session.name(), 0, Long.MAX_VALUE);
                DuckDBConnection connection = catalog.connect();
                Statement statement = connection.createStatement();
                DuckDBResultSet rs = statement.executeQuery(sql).unwrap(DuckDBResultSet.class);
                ArrowReader reader = (ArrowReader) rs.arrowExportStream(own, session.batchRows())) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                checkTypes(session.schema(), root.getSchema());
                for (Chunk chunk : serialize(root)) {
                    if (!awaitReady(call)) {
                        return false;
                    }
                    call.onNext(response(chunk, sent, length));
                    sent += chunk.rows();
                    if (filled != null) {
                        filled.add(chunk);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw Status.INTERNAL.withDescription("LocalBigQuery: " + e).asRuntimeException();
        }
        if (filled != null) {
            cache.put(key, filled);
        }
        return true;
    }

    private static ReadRowsResponse response(Chunk chunk, long sent, long length) {
        long end = sent + chunk.rows();
        return ReadRowsResponse.newBuilder()
                .setArrowRecordBatch(com.google.cloud.bigquery.storage.v1.ArrowRecordBatch.newBuilder()
                        .setSerializedRecordBatch(chunk.bytes())
                        .setRowCount(chunk.rows()))
                .setRowCount(chunk.rows())
                .setStats(StreamStats.newBuilder()
                        .setProgress(StreamStats.Progress.newBuilder()
                                .setAtResponseStart((double) sent / length)
                                .setAtResponseEnd((double) end / length)))
                .build();
    }

    /** One ReadRows response's Arrow record batch message and its row count. */
    record Chunk(ByteString bytes, long rows) {}

    /** A batch as IPC messages, split in halves until each fits the message limit. */
    private static List<Chunk> serialize(VectorSchemaRoot root) {
        List<Chunk> chunks = new ArrayList<>();
        ByteString bytes = ArrowStreams.serialize(root);
        if (bytes.size() <= MAX_MESSAGE_BYTES || root.getRowCount() <= 1) {
            chunks.add(new Chunk(bytes, root.getRowCount()));
            return chunks;
        }
        int half = root.getRowCount() / 2;
        try (VectorSchemaRoot head = root.slice(0, half);
                VectorSchemaRoot tail = root.slice(half, root.getRowCount() - half)) {
            chunks.addAll(serialize(head));
            chunks.addAll(serialize(tail));
        }
        return chunks;
    }

    private static void checkTypes(Schema expected, Schema actual) {
        for (int i = 0; i < expected.getFields().size(); i++) {
            var want = expected.getFields().get(i).getType();
            var got = actual.getFields().get(i).getType();
            if (!want.equals(got)) {
                throw Status.INTERNAL
                        .withDescription("LocalBigQuery: DuckDB exported " + got + " for column "
                                + expected.getFields().get(i).getName() + ", the session promised " + want)
                        .asRuntimeException();
            }
        }
    }

    /** Waits until the transport takes more messages; false when the call was cancelled. */
    private static boolean awaitReady(ServerCallStreamObserver<?> call) {
        while (!call.isReady()) {
            if (call.isCancelled()) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !call.isCancelled();
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static StatusRuntimeException status(BigQueryApiException e) {
        Status status = switch (e.error().status()) {
            case 404 -> Status.NOT_FOUND;
            case 403 -> Status.PERMISSION_DENIED;
            case 400 -> Status.INVALID_ARGUMENT;
            default -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).asRuntimeException();
    }
}
