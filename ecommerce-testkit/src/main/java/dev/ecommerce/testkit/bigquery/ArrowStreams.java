package dev.ecommerce.testkit.bigquery;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow as the Storage Read API sends it: the session's schema as one IPC schema message, and each batch
 * as one IPC record batch message (no schema), both in the encapsulated format that
 * {@code MessageSerializer.deserializeSchema} and {@code deserializeRecordBatch} read.
 */
final class ArrowStreams {

    /** The field metadata BigQuery puts on GEOGRAPHY columns (WKT text). */
    static final Map<String, String> GEOGRAPHY_METADATA = Map.of(
            "ARROW:extension:name", "google:sqlType:geography",
            "ARROW:extension:metadata", "{\"encoding\": \"WKT\"}");

    private ArrowStreams() {}

    /** The Arrow schema of the given columns; every field is nullable, as BigQuery's NULLABLE columns are. */
    static Schema schema(List<BqField> fields) {
        return new Schema(fields.stream()
                .map(f -> new Field(
                        f.name(),
                        new FieldType(
                                true,
                                f.type().arrowType(),
                                null,
                                f.type() == BqType.GEOGRAPHY ? GEOGRAPHY_METADATA : null),
                        null))
                .toList());
    }

    /** The IPC schema message. */
    static ByteString serialize(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WriteChannel channel = new WriteChannel(Channels.newChannel(out))) {
            MessageSerializer.serialize(channel, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteString.copyFrom(out.toByteArray());
    }

    /** The IPC record batch message of a root's current rows. */
    static ByteString serialize(VectorSchemaRoot root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch();
                WriteChannel channel = new WriteChannel(Channels.newChannel(out))) {
            MessageSerializer.serialize(channel, batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteString.copyFrom(out.toByteArray());
    }
}
