package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Streams a table's batches to DuckDB through the Arrow C stream interface: a DuckDB connection of its
 * own runs {@code INSERT INTO staging SELECT * FROM <stream>} on a loader thread, and pulls batches from a
 * small queue, turning each into Arrow vectors as it goes. DuckDB writes the rows in parallel and keeps
 * their order. Only a few batches are in memory at a time.
 */
final class ArrowTableWriter implements TableWriter {

    private static final Object END = new Object();
    private static final int QUEUE_CAPACITY = 4;

    private final Warehouse warehouse;
    private final Table table;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread loader;
    private volatile boolean aborted;
    private volatile long finishedNanos;

    ArrowTableWriter(Warehouse warehouse, DuckDBConnection connection, BufferAllocator allocator, Table table) {
        this.warehouse = warehouse;
        this.table = table;
        this.loader = new Thread(() -> load(connection, allocator), "duckdb-arrow-" + table.sqlName());
        this.loader.setDaemon(true);
        this.loader.start();
    }

    private void load(DuckDBConnection connection, BufferAllocator allocator) {
        String stream = "__arrow_" + table.sqlName() + "_" + Long.toHexString(System.nanoTime());
        // Batches come from the load's allocator; DuckDB may release the last one on a thread of its own
        // after the statement returns, so the load closes the allocator only when everything is done.
        try (DuckDBConnection own = DuckDb.duplicate(connection);
                ArrowArrayStream arrowStream = ArrowArrayStream.allocateNew(allocator);
                Statement statement = own.createStatement()) {
            // The exported stream owns the reader and closes it.
            Data.exportArrayStream(allocator, new QueueReader(allocator), arrowStream);
            own.registerArrowStream(stream, arrowStream);
            statement.execute("INSERT INTO " + Warehouse.staging(table) + " SELECT * FROM " + Sql.identifier(stream));
            finishedNanos = System.nanoTime();
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            queue.clear(); // unblock a producer waiting for room
        }
    }

    @Override
    public void append(TableBatch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                checkLoader();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while loading " + table.sqlName(), e);
        }
        checkLoader();
    }

    private void checkLoader() {
        Throwable error = failure.get();
        if (error != null) {
            throw failed(error);
        }
        if (!loader.isAlive()) {
            throw new InfrastructureException("The DuckDB loader of " + table.sqlName() + " stopped early", null);
        }
    }

    private InfrastructureException failed(Throwable error) {
        if (error instanceof SQLException sql) {
            return warehouse.failure("Cannot load " + table.sqlName(), sql);
        }
        return new InfrastructureException("Cannot load " + table.sqlName() + ": " + error.getMessage(), error);
    }

    @Override
    public void finish() {
        try {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                checkLoader();
            }
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while loading " + table.sqlName(), e);
        }
        Throwable error = failure.get();
        if (error != null) {
            throw failed(error);
        }
    }

    @Override
    public long finishedNanos() {
        return finishedNanos;
    }

    @Override
    public void abort() {
        aborted = true;
        queue.clear();
        try {
            loader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands queued batches to DuckDB as Arrow record batches. */
    private final class QueueReader extends ArrowReader {

        private boolean ended;

        QueueReader(BufferAllocator allocator) {
            super(allocator);
        }

        @Override
        protected Schema readSchema() {
            List<Field> fields = new ArrayList<>();
            for (Column column : table.columns()) {
                ArrowType type = switch (column.type()) {
                    case BIGINT -> new ArrowType.Int(64, true);
                    case DOUBLE ->
                        new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
                    case VARCHAR -> ArrowType.Utf8.INSTANCE;
                    case TIMESTAMPTZ ->
                        new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC");
                };
                fields.add(new Field(column.name(), FieldType.nullable(type), null));
            }
            return new Schema(fields);
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (ended) {
                return false;
            }
            Object next = null;
            try {
                while (next == null && !aborted) {
                    next = queue.poll(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (aborted) {
                throw new IOException("load of " + table.sqlName() + " aborted");
            }
            if (next == END) {
                ended = true; // DuckDB may ask again after the end
                return false;
            }
            fill(getVectorSchemaRoot(), (TableBatch) next);
            return true;
        }

        /** Fresh buffers for every batch: DuckDB may still hold the previous ones. */
        private void fill(VectorSchemaRoot root, TableBatch batch) {
            int n = batch.size();
            for (int c = 0; c < table.columns().size(); c++) {
                FieldVector vector = root.getVector(c);
                switch (table.columns().get(c).type()) {
                    case BIGINT -> {
                        BigIntVector v = (BigIntVector) vector;
                        v.allocateNew(n);
                        for (int r = 0; r < n; r++) {
                            if (batch.isNull(c, r)) v.setNull(r);
                            else v.set(r, batch.getLong(c, r));
                        }
                    }
                    case TIMESTAMPTZ -> {
                        TimeStampMicroTZVector v = (TimeStampMicroTZVector) vector;
                        v.allocateNew(n);
                        for (int r = 0; r < n; r++) {
                            if (batch.isNull(c, r)) v.setNull(r);
                            else v.set(r, batch.getLong(c, r));
                        }
                    }
                    case DOUBLE -> {
                        Float8Vector v = (Float8Vector) vector;
                        v.allocateNew(n);
                        for (int r = 0; r < n; r++) {
                            if (batch.isNull(c, r)) v.setNull(r);
                            else v.set(r, batch.getDouble(c, r));
                        }
                    }
                    case VARCHAR -> fillStrings((VarCharVector) vector, batch, c, n);
                }
                vector.setValueCount(n);
            }
            root.setRowCount(n);
        }

        private void fillStrings(VarCharVector vector, TableBatch batch, int column, int n) {
            byte[][] bytes = new byte[n][];
            long total = 0;
            for (int r = 0; r < n; r++) {
                String value = batch.getString(column, r);
                if (value != null) {
                    bytes[r] = value.getBytes(StandardCharsets.UTF_8);
                    total += bytes[r].length;
                }
            }
            vector.allocateNew(Math.max(1, total), n);
            for (int r = 0; r < n; r++) {
                if (bytes[r] == null) vector.setNull(r);
                else vector.set(r, bytes[r]);
            }
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {}
    }
}
