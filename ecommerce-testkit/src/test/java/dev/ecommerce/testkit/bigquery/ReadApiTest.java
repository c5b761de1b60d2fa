package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.ServerStream;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import com.google.protobuf.Timestamp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Storage Read API through the real BigQueryReadClient; expected values come from plain DuckDB. */
class ReadApiTest {

    static final String TABLES = "projects/bigquery-public-data/datasets/thelook_ecommerce/tables/";

    @RegisterExtension
    static final SharedLocalBigQuery local = new SharedLocalBigQuery();

    private static final LocalBigQuery server = SharedLocalBigQuery.server();
    private static final Reference reference = SharedLocalBigQuery.reference();

    static ReadSession session(
            Clients.Read read, String table, int maxStreams, List<String> fields, String restriction) {
        ReadSession.TableReadOptions.Builder options =
                ReadSession.TableReadOptions.newBuilder().addAllSelectedFields(fields);
        if (restriction != null) {
            options.setRowRestriction(restriction);
        }
        return read.client()
                .createReadSession(CreateReadSessionRequest.newBuilder()
                        .setParent("projects/" + Clients.PROJECT)
                        .setReadSession(ReadSession.newBuilder()
                                .setTable(table)
                                .setDataFormat(DataFormat.ARROW)
                                .setReadOptions(options)
                                .setTableModifiers(ReadSession.TableModifiers.newBuilder()
                                        .setSnapshotTime(Timestamp.newBuilder().setSeconds(1_700_000_000))))
                        .setMaxStreamCount(maxStreams)
                        .build());
    }

    static Schema schema(ReadSession session) throws Exception {
        return MessageSerializer.deserializeSchema(new ReadChannel(new ByteArrayReadableSeekableByteChannel(
                session.getArrowSchema().getSerializedSchema().toByteArray())));
    }

    /** Reads one stream from an offset and returns the values of a BIGINT column. */
    static List<Long> readLongs(Clients.Read read, Schema schema, String stream, long offset, String column)
            throws Exception {
        try (BufferAllocator allocator = new RootAllocator()) {
            return readLongs(read, schema, stream, offset, column, allocator);
        }
    }

    private static List<Long> readLongs(
            Clients.Read read, Schema schema, String stream, long offset, String column, BufferAllocator allocator)
            throws Exception {
        List<Long> values = new ArrayList<>();
        ServerStream<ReadRowsResponse> responses = read.client()
                .readRowsCallable()
                .call(ReadRowsRequest.newBuilder()
                        .setReadStream(stream)
                        .setOffset(offset)
                        .build());
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            VectorLoader loader = new VectorLoader(root);
            for (ReadRowsResponse response : responses) {
                try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                        new ReadChannel(new ByteArrayReadableSeekableByteChannel(response.getArrowRecordBatch()
                                .getSerializedRecordBatch()
                                .toByteArray())),
                        allocator)) {
                    loader.load(batch);
                }
                assertThat(root.getRowCount()).isEqualTo(response.getRowCount());
                BigIntVector vector = (BigIntVector) root.getVector(column);
                for (int i = 0; i < root.getRowCount(); i++) {
                    values.add(vector.isNull(i) ? null : vector.get(i));
                }
            }
        }
        return values;
    }

    @Test
    void twoStreamsOverEventsReturnExactlyTheTable() throws Exception {
        ReadSession session = session(local.read(), TABLES + "events", 2, List.of(), null);

        assertThat(session.getStreamsCount()).isEqualTo(2);
        long rows = reference.queryLong("SELECT count(*) FROM events");
        assertThat(session.getEstimatedRowCount()).isEqualTo(rows);
        assertThat(session.getEstimatedTotalBytesScanned()).isGreaterThan(0);
        assertThat(session.getName()).startsWith("projects/" + Clients.PROJECT + "/locations/");
        Schema schema = schema(session);
        List<Long> ids = new ArrayList<>();
        for (var stream : session.getStreamsList()) {
            List<Long> part = readLongs(local.read(), schema, stream.getName(), 0, "id");
            assertThat(part).isNotEmpty().isSorted();
            ids.addAll(part);
        }
        assertThat(ids).hasSize((int) rows).doesNotHaveDuplicates().isSorted();
        assertThat(ids.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(reference.queryLong("SELECT sum(id) FROM events"));
        assertThat(server.requests("ReadRows")).hasSize(2);
        // Several batches per stream: responses stay small.
        assertThat(server.requests("CreateReadSession").get(0).parameter("max_stream_count"))
                .isEqualTo("2");
    }

    @Test
    void theArrowSchemaHasBigQueryTypes() throws Exception {
        Schema schema = schema(session(local.read(), TABLES + "users", 1, List.of(), null));

        assertThat(schema.findField("id").getType()).isEqualTo(new ArrowType.Int(64, true));
        assertThat(schema.findField("latitude").getType())
                .isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
        assertThat(schema.findField("email").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(schema.findField("created_at").getType())
                .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
        Field geography = schema.findField("user_geom");
        assertThat(geography.getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(geography.getMetadata()).containsEntry("ARROW:extension:name", "google:sqlType:geography");
        assertThat(schema.getFields()).allMatch(Field::isNullable);
    }

    @Test
    void selectedFieldsAndARowRestrictionAreApplied() throws Exception {
        ReadSession session = session(
                local.read(),
                TABLES + "orders",
                1,
                List.of("user_id", "order_id", "created_at"),
                "status = \"Complete\" AND num_of_item > 1");

        Schema schema = schema(session);
        // Table order, not the request's order.
        assertThat(schema.getFields()).extracting(Field::getName).containsExactly("order_id", "user_id", "created_at");
        long expected =
                reference.queryLong("SELECT count(*) FROM orders WHERE status = 'Complete' AND num_of_item > 1");
        assertThat(expected).isPositive();
        assertThat(session.getEstimatedRowCount()).isEqualTo(expected);
        List<Long> ids = readLongs(local.read(), schema, session.getStreams(0).getName(), 0, "order_id");
        assertThat(ids)
                .isEqualTo(reference.queryLongs(
                        "SELECT order_id FROM orders WHERE status = 'Complete' AND num_of_item > 1 ORDER BY order_id"));

        // No rows, no streams (as on BigQuery).
        ReadSession empty = session(local.read(), TABLES + "orders", 2, List.of(), "order_id < 0");
        assertThat(empty.getStreamsCount()).isZero();
        assertThat(empty.getEstimatedRowCount()).isZero();

        assertThatThrownBy(() -> session(local.read(), TABLES + "orders", 1, List.of("nope"), null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> session(local.read(), TABLES + "orders", 1, List.of(), "no_such_column > 1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> session(local.read(), TABLES + "no_such_table", 1, List.of(), null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void readRowsWithAnOffsetResumesWithoutDuplicates() throws Exception {
        ReadSession session = session(local.read(), TABLES + "events", 2, List.of("id"), null);
        Schema schema = schema(session);
        String stream = session.getStreams(1).getName();

        List<Long> all = readLongs(local.read(), schema, stream, 0, "id");
        List<Long> resumed = readLongs(local.read(), schema, stream, 1234, "id");

        assertThat(resumed).isEqualTo(all.subList(1234, all.size()));
        assertThat(readLongs(local.read(), schema, stream, all.size(), "id")).isEmpty();
        assertThat(server.requests("ReadRows"))
                .extracting(r -> r.parameter("offset"))
                .containsExactly("0", "1234", String.valueOf(all.size()));
    }

    @Test
    void aStreamReadWholeIsServedAgainFromTheCacheWithTheSameRows() throws Exception {
        ReadSession session = session(local.read(), TABLES + "order_items", 1, List.of("id", "order_id"), "id > 10");
        Schema schema = schema(session);
        String stream = session.getStreams(0).getName();
        long before = server.readCacheBytes();

        List<Long> first = readLongs(local.read(), schema, stream, 0, "id");
        long cached = server.readCacheBytes();
        List<Long> second = readLongs(local.read(), schema, stream, 0, "order_id");
        List<Long> again = readLongs(local.read(), schema, stream, 0, "id");

        assertThat(first)
                .isEqualTo(reference.queryLongs("SELECT id FROM order_items WHERE id > 10 ORDER BY id"))
                .isEqualTo(again);
        assertThat(second)
                .isEqualTo(reference.queryLongs("SELECT order_id FROM order_items WHERE id > 10 ORDER BY id"));
        assertThat(cached).isGreaterThan(before);
        assertThat(server.readCacheBytes()).isEqualTo(cached); // served, not added again
        assertThatThrownBy(() -> LocalBigQuery.builder().readCacheBytes(-1))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void aQueryResultTableCanBeReadThroughTheStorageApi() throws Exception {
        BigQuery bigQuery = Clients.bigQuery(server);
        Job job = bigQuery.create(JobInfo.of(QueryJobConfiguration.newBuilder(
                        "SELECT user_id, COUNT(*) AS orders FROM `bigquery-public-data.thelook_ecommerce.orders`"
                                + " GROUP BY user_id ORDER BY orders DESC, user_id")
                .build()));
        TableId result = ((QueryJobConfiguration) job.getConfiguration()).getDestinationTable();

        ReadSession session = session(
                local.read(),
                "projects/" + result.getProject() + "/datasets/" + result.getDataset() + "/tables/" + result.getTable(),
                2,
                List.of(),
                null);
        Schema schema = schema(session);
        List<Long> users = new ArrayList<>();
        for (var stream : session.getStreamsList()) {
            users.addAll(readLongs(local.read(), schema, stream.getName(), 0, "user_id"));
        }
        assertThat(users)
                .isEqualTo(reference.queryLongs(
                        "SELECT user_id FROM orders GROUP BY user_id ORDER BY count(*) DESC, user_id"));
        assertThat(schema.findField("orders").getType()).isEqualTo(new ArrowType.Int(64, true));
    }

    @Test
    void batchesLoadIntoDuckDbThroughTheArrowCInterface() throws Exception {
        ReadSession session = session(local.read(), TABLES + "users", 1, List.of(), null);
        Schema schema = schema(session);
        List<VectorSchemaRoot> roots = new ArrayList<>();
        for (ReadRowsResponse response : local.read()
                .client()
                .readRowsCallable()
                .call(ReadRowsRequest.newBuilder()
                        .setReadStream(session.getStreams(0).getName())
                        .build())) {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, local.allocator());
            try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                    new ReadChannel(new ByteArrayReadableSeekableByteChannel(response.getArrowRecordBatch()
                            .getSerializedRecordBatch()
                            .toByteArray())),
                    local.allocator())) {
                new VectorLoader(root).load(batch);
            }
            roots.add(root);
        }
        assertThat(((TimeStampMicroTZVector) roots.get(0).getVector("created_at")).get(0))
                .isEqualTo(reference.queryLong("SELECT epoch_us(created_at) FROM users ORDER BY id LIMIT 1"));

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(local.allocator());
                Statement statement = duck.createStatement()) {
            Data.exportArrayStream(local.allocator(), new ListReader(local.allocator(), schema, roots), stream);
            duck.unwrap(DuckDBConnection.class).registerArrowStream("users_stream", stream);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT count(*), sum(id), min(user_geom), sum(epoch_us(created_at)) FROM users_stream")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(reference.queryLong("SELECT count(*) FROM users"));
                assertThat(rs.getLong(2)).isEqualTo(reference.queryLong("SELECT sum(id) FROM users"));
                assertThat(rs.getString(3)).startsWith("POINT(");
                assertThat(rs.getLong(4)).isEqualTo(reference.queryLong("SELECT sum(epoch_us(created_at)) FROM users"));
            }
        } finally {
            roots.forEach(VectorSchemaRoot::close);
        }
    }

    /** An ArrowReader over batches already in memory. */
    private static final class ListReader extends ArrowReader {
        private final Schema schema;
        private final List<VectorSchemaRoot> roots;
        private int next;

        ListReader(BufferAllocator allocator, Schema schema, List<VectorSchemaRoot> roots) {
            super(allocator);
            this.schema = schema;
            this.roots = roots;
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (next >= roots.size()) {
                return false;
            }
            VectorSchemaRoot source = roots.get(next++);
            try (ArrowRecordBatch batch = new org.apache.arrow.vector.VectorUnloader(source).getRecordBatch()) {
                new VectorLoader(getVectorSchemaRoot()).load(batch);
            }
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
