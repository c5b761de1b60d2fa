package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.schema.Window;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.slf4j.LoggerFactory;

/**
 * One load into the warehouse: batches are bulk-loaded ({@link BulkPath}) into staging tables, and
 * {@link #commit()} swaps them in together. Closing without committing drops the staged rows and leaves
 * the warehouse as it was. Not thread-safe: one thread appends.
 */
public final class Load implements AutoCloseable {

    private final Warehouse warehouse;
    private final List<Table> tables;
    private final BulkPath path;
    private final BufferAllocator allocator;
    private final Map<Table, TableWriter> writers = new EnumMap<>(Table.class);
    private final Map<Table, Long> rows = new ConcurrentHashMap<>();
    private final Map<Table, Long> finished = new ConcurrentHashMap<>();
    private final java.util.Set<Table> done = java.util.EnumSet.noneOf(Table.class);
    private boolean committed;

    Load(Warehouse warehouse, Collection<Table> tables, BulkPath path) {
        this.warehouse = warehouse;
        this.tables = List.copyOf(tables);
        this.path = path;
        this.allocator = path == BulkPath.ARROW ? new RootAllocator() : null;
        this.tables.forEach(t -> rows.put(t, 0L));
    }

    /** The Arrow allocator of this load; readers handed to {@link #insertArrow} allocate from a child of it. */
    public BufferAllocator allocator() {
        if (allocator == null) {
            throw new IllegalStateException("No Arrow on the " + path + " path");
        }
        return allocator;
    }

    /** The bulk path this load uses. */
    public BulkPath path() {
        return path;
    }

    /** Appends a batch to its table's staging table. */
    public void append(TableBatch batch) {
        Table table = batch.table();
        if (!rows.containsKey(table) || done.contains(table)) {
            throw new IllegalStateException(table.sqlName() + " is not part of this load, or already finished");
        }
        writers.computeIfAbsent(table, this::writer).append(batch);
        rows.merge(table, (long) batch.size(), Long::sum);
    }

    private TableWriter writer(Table table) {
        return path == BulkPath.ARROW
                ? new ArrowTableWriter(warehouse, warehouse.connection(), allocator, table)
                : new AppenderTableWriter(warehouse, warehouse.connection(), table);
    }

    /**
     * Loads an Arrow stream into a table's staging table on a DuckDB connection of its own; blocks until
     * the stream ends. Thread-safe: several streams of one or more tables may load at once. Needs the
     * {@link BulkPath#ARROW} path.
     *
     * @param columns the columns the stream carries, by name; the table's other columns stay NULL
     * @return the rows loaded
     */
    public long insertArrow(Table table, List<String> columns, ArrowReader reader) {
        if (path != BulkPath.ARROW || !rows.containsKey(table)) {
            throw new IllegalStateException("Arrow load of " + table.sqlName() + " on " + path);
        }
        String select = columns.stream()
                .map(name -> "CAST(" + Sql.identifier(name) + " AS "
                        + table.columns().get(table.columnIndex(name)).type().sql() + ")")
                .collect(Collectors.joining(", "));
        String into = columns.stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String stream = "__arrow_" + table.sqlName() + "_" + STREAMS.incrementAndGet();
        try (DuckDBConnection own = DuckDb.duplicate(warehouse.connection());
                ArrowArrayStream arrowStream = ArrowArrayStream.allocateNew(allocator);
                Statement statement = own.createStatement()) {
            Data.exportArrayStream(allocator, reader, arrowStream); // the stream now owns the reader
            own.registerArrowStream(stream, arrowStream);
            long loaded = statement.executeUpdate("INSERT INTO " + Warehouse.staging(table) + " (" + into + ") SELECT "
                    + select + " FROM " + Sql.identifier(stream));
            rows.merge(table, loaded, Long::sum);
            return loaded;
        } catch (SQLException e) {
            throw warehouse.failure("Cannot load " + table.sqlName(), e);
        }
    }

    private static final AtomicLong STREAMS = new AtomicLong();

    /** Rows appended so far to a table. */
    public long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    /**
     * {@link System#nanoTime()} when a table's appended rows were all in its staging table (known after
     * {@link #commit()}), or 0: batches are queued by {@link #append} and written by a loader of their own, so
     * the append calls alone do not say when a table was done.
     */
    public long finishedNanos(Table table) {
        return finished.getOrDefault(table, 0L);
    }

    /**
     * Waits until a table's appended rows are all in its staging table, so that its loader ends early; more
     * rows for it are an error. Tables not finished this way are finished by {@link #commit()}.
     */
    public void finish(Table table) {
        TableWriter writer = writers.remove(table);
        if (writer != null) {
            writer.finish();
            finished.put(table, writer.finishedNanos());
        }
        done.add(table);
    }

    /** Waits for every row to be staged, then swaps all staged tables in, in one transaction, with no origin. */
    public void commit() {
        finishAll();
        warehouse.swapIn(tables, Map.of(), Map.of(), Map.of(), null);
        committed = true;
    }

    /**
     * Waits for every row to be staged, then, in one transaction, swaps the staged tables in (a table with a
     * window replaces only its rows in the window and those with a staged key) and records each one's
     * {@link TableOrigin}, completed with its cursor and changes, and with a backfill chunk how far the backfill got.
     *
     * @param origins per table, the origin to record ({@link TableOrigin#pending})
     * @param increments per windowed table, how it is loaded a part at a time (its key)
     * @param backfill how far a backfill got with this chunk, or null
     * @return the recorded origins
     */
    public Map<Table, TableOrigin> commit(
            Map<Table, TableOrigin> origins,
            Map<Table, Window> windows,
            Map<Table, Increment> increments,
            BackfillMark backfill) {
        finishAll();
        Map<Table, TableOrigin> recorded = warehouse.swapIn(tables, windows, increments, origins, backfill);
        committed = true;
        return recorded;
    }

    private void finishAll() {
        for (Map.Entry<Table, TableWriter> writer : writers.entrySet()) {
            writer.getValue().finish();
            finished.put(writer.getKey(), writer.getValue().finishedNanos());
        }
        writers.clear();
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                writers.values().forEach(TableWriter::abort);
                writers.clear();
                warehouse.dropLeftoverStaging();
            }
        } finally {
            if (allocator != null) {
                closeArrow(allocator);
            }
        }
    }

    /**
     * Closes an Arrow allocator. DuckDB releases the last batch of a stream on its own schedule; memory
     * it still holds at this point is freed with DuckDB, so a late release is logged, not a failure.
     */
    public static void closeArrow(BufferAllocator allocator) {
        try {
            allocator.close();
        } catch (IllegalStateException late) {
            LoggerFactory.getLogger(Load.class).debug("Arrow memory released late: {}", late.getMessage());
        }
    }
}
