package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

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
    private final Map<Table, Long> rows = new EnumMap<>(Table.class);
    private boolean committed;

    Load(Warehouse warehouse, Collection<Table> tables, BulkPath path) {
        this.warehouse = warehouse;
        this.tables = List.copyOf(tables);
        this.path = path;
        this.allocator = path == BulkPath.ARROW ? new RootAllocator() : null;
        this.tables.forEach(t -> rows.put(t, 0L));
    }

    /** The bulk path this load uses. */
    public BulkPath path() {
        return path;
    }

    /** Appends a batch to its table's staging table. */
    public void append(TableBatch batch) {
        Table table = batch.table();
        if (!rows.containsKey(table)) {
            throw new IllegalStateException(table.sqlName() + " is not part of this load");
        }
        writers.computeIfAbsent(table, this::writer).append(batch);
        rows.merge(table, (long) batch.size(), Long::sum);
    }

    private TableWriter writer(Table table) {
        return path == BulkPath.ARROW
                ? new ArrowTableWriter(warehouse, warehouse.connection(), allocator, table)
                : new AppenderTableWriter(warehouse, warehouse.connection(), table);
    }

    /** Rows appended so far to a table. */
    public long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    /** Waits for every row to be staged, then swaps all staged tables in, in one transaction. */
    public void commit() {
        for (TableWriter writer : writers.values()) {
            writer.finish();
        }
        writers.clear();
        warehouse.swapIn(tables);
        committed = true;
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
                allocator.close();
            }
        }
    }
}
