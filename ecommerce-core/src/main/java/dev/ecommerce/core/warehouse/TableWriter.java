package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.TableBatch;

/** Bulk-appends the batches of one table into its staging table. */
sealed interface TableWriter permits AppenderTableWriter, ArrowTableWriter {

    void append(TableBatch batch);

    /** Waits until every appended row is in the staging table. */
    void finish();

    /** {@link System#nanoTime()} when the last row reached the staging table; 0 before {@link #finish()}. */
    long finishedNanos();

    /** Stops early; staged rows are dropped by the caller. Never throws. */
    void abort();
}
