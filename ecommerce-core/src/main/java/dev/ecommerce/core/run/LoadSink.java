package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.warehouse.BatchSink;
import dev.ecommerce.core.warehouse.BulkPath;
import dev.ecommerce.core.warehouse.Load;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Where a source's rows go during ingest: the warehouse load. It also keeps, per table, when its first and
 * last rows arrived, and reports progress every few seconds.
 */
final class LoadSink implements BatchSink {

    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private final Load load;
    private final ProgressListener progress;
    private final long start;
    private final Map<Table, long[]> timings = new EnumMap<>(Table.class); // first and last arrival, nanos
    private long lastReport;

    LoadSink(Load load, ProgressListener progress, long start) {
        this.load = load;
        this.progress = progress;
        this.start = start;
        this.lastReport = start;
    }

    @Override
    public void accept(TableBatch batch) {
        long now = System.nanoTime();
        load.append(batch);
        long after = System.nanoTime();
        arrived(batch.table(), now, after);
        if (after - lastReport > PROGRESS_INTERVAL_NANOS) {
            lastReport = after;
            progress.on(new ProgressEvent.TableProgress(
                    "ingest", batch.table(), load.rows(batch.table()), (after - start) / 1e9));
        }
    }

    @Override
    public void endOfTable(Table table) {
        load.finish(table);
    }

    @Override
    public long acceptArrow(Table table, List<String> columns, ArrowReader reader) {
        long begin = System.nanoTime();
        long rows = load.insertArrow(table, columns, reader);
        arrived(table, begin, System.nanoTime());
        return rows;
    }

    private synchronized void arrived(Table table, long begin, long end) {
        long[] t = timings.computeIfAbsent(table, k -> new long[] {begin, end});
        t[0] = Math.min(t[0], begin);
        t[1] = Math.max(t[1], end);
    }

    @Override
    public boolean arrowAvailable() {
        return load.path() == BulkPath.ARROW;
    }

    @Override
    public BufferAllocator arrowAllocator() {
        return load.allocator();
    }

    @Override
    public void info(String message) {
        progress.on(new ProgressEvent.Step(message));
    }

    /**
     * Seconds from a table's first arrival until its last row was in the warehouse (0 when none arrived):
     * the loader may still be writing after the last batch was handed over.
     */
    synchronized double seconds(Table table) {
        long[] t = timings.get(table);
        return t == null ? 0 : (Math.max(t[1], load.finishedNanos(table)) - t[0]) / 1e9;
    }
}
