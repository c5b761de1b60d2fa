package dev.ecommerce.core.source.bigquery;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ServerStream;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import dev.ecommerce.core.warehouse.Load;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One Storage Read stream as an {@link ArrowReader} that DuckDB pulls from. A transient failure mid-read
 * (UNAVAILABLE, a reset or removed stream) reopens the stream at the row offset reached, so no row is read
 * twice or missed; the attempts are bounded. A terminal failure is kept in {@link #failure()} so that the
 * caller can report it precisely after DuckDB gives up.
 */
final class StorageStreamReader extends ArrowReader {

    private static final Set<StatusCode.Code> TRANSIENT = Set.of(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.INTERNAL,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.ABORTED,
            StatusCode.Code.UNKNOWN);

    private final BigQueryReadClient client;
    private final String stream;
    private final Schema schema;
    private final int maxAttempts;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Iterator<ReadRowsResponse> responses;
    private volatile ServerStream<ReadRowsResponse> call;
    private volatile boolean aborted;
    private long offset;
    private long bytes;
    private int resumes;

    StorageStreamReader(
            BufferAllocator allocator, BigQueryReadClient client, String stream, Schema schema, int maxAttempts) {
        super(allocator);
        this.client = client;
        this.stream = stream;
        this.schema = schema;
        this.maxAttempts = maxAttempts;
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        int attempt = 1;
        while (true) {
            if (aborted) {
                throw new IOException("Reading " + stream + " was cancelled: another table's read failed");
            }
            try {
                if (responses == null) {
                    call = client.readRowsCallable()
                            .call(ReadRowsRequest.newBuilder()
                                    .setReadStream(stream)
                                    .setOffset(offset)
                                    .build());
                    responses = call.iterator();
                }
                while (responses.hasNext()) {
                    ReadRowsResponse response = responses.next();
                    if (response.getRowCount() == 0 || !response.hasArrowRecordBatch()) {
                        continue;
                    }
                    // Read straight from the protobuf bytes: no copy of the whole batch.
                    com.google.protobuf.ByteString serialized =
                            response.getArrowRecordBatch().getSerializedRecordBatch();
                    try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(
                            new ReadChannel(Channels.newChannel(serialized.newInput())), allocator)) {
                        new VectorLoader(getVectorSchemaRoot()).load(batch);
                    }
                    offset += response.getRowCount();
                    bytes += serialized.size();
                    return true;
                }
                return false;
            } catch (ApiException e) {
                responses = null;
                if (call != null) {
                    call.cancel();
                }
                if (!TRANSIENT.contains(e.getStatusCode().getCode()) || attempt >= maxAttempts) {
                    failure.compareAndSet(null, e);
                    throw new IOException("Reading " + stream + " failed at row " + offset + ": " + e.getMessage(), e);
                }
                resumes++;
                sleep(attempt++);
            }
        }
    }

    private static void sleep(int attempt) throws IOException {
        try {
            Thread.sleep(Math.min(10_000L, 200L << Math.min(attempt - 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Cancels the stream from another thread: the reading thread's next call fails at once. */
    void abort() {
        aborted = true;
        ServerStream<ReadRowsResponse> current = call;
        if (current != null) {
            current.cancel();
        }
    }

    /** Closes this reader's allocator once DuckDB released every batch. */
    void closeAllocator() {
        Load.closeArrow(allocator);
    }

    /** Rows read so far. */
    long rows() {
        return offset;
    }

    /** Arrow bytes received so far. */
    long bytes() {
        return bytes;
    }

    /** Times the stream was reopened after a transient failure. */
    int resumes() {
        return resumes;
    }

    /** The terminal failure, if the stream failed. */
    RuntimeException failure() {
        return failure.get();
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    protected void closeReadSource() {
        if (call != null) {
            call.cancel();
        }
    }
}
