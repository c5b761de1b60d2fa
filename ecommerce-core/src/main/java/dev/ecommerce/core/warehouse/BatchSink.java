package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Receives a source's rows: row batches from one thread, or whole Arrow streams from several threads. Sources
 * sit above the warehouse and load into it; this is the side of a {@link Load} they see. It is a port rather
 * than {@link Load} itself because the ingest wraps the load in what only the run knows (per-table timings and
 * progress events, the run layer's {@code LoadSink}), and a source must not depend on the run layer.
 */
public interface BatchSink {

    /** Takes one batch of rows; called from one thread, in row order per table. */
    void accept(TableBatch batch);

    /**
     * Loads every batch of an Arrow stream into a table and returns the rows loaded. Blocks until the
     * stream ends; may be called from several threads at once (for example one per read stream).
     *
     * @param columns the table's columns the stream carries (by name, a subset in any order); the others
     *     stay NULL
     */
    long acceptArrow(Table table, List<String> columns, ArrowReader reader);

    /**
     * Says that a table's rows have all been handed over with {@link #accept}, so that its load can finish
     * while other tables still arrive. Optional: a source may never call it.
     */
    default void endOfTable(Table table) {}

    /** Whether {@link #acceptArrow} can run in this JVM (Arrow needs a JVM option). */
    boolean arrowAvailable();

    /** The allocator Arrow readers handed to {@link #acceptArrow} must allocate from (a child of it). */
    BufferAllocator arrowAllocator();

    /** A line for the build log (which read path ran, its speed). */
    default void info(String message) {}
}
