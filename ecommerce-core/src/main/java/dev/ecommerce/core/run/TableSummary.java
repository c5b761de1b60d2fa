package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.TableChanges;
import java.time.Instant;

/**
 * One line of a goal's summary table.
 *
 * @param files the files (objects) written
 * @param kept the objects of an earlier run a destination kept because their rows did not change
 * @param mode how ingest loaded the table ({@code full}, {@code incremental}, {@code kept}, {@code backfill}), else
 *     null
 * @param changes what ingest inserted, updated and deleted, else null
 * @param cursor the newest value of the table's cursor column after ingest, else null
 */
public record TableSummary(
        Table table,
        long rows,
        double seconds,
        int files,
        long bytes,
        int kept,
        String mode,
        TableChanges changes,
        Instant cursor) {

    /** A sink's line. */
    public TableSummary(Table table, long rows, double seconds, int files, long bytes, int kept) {
        this(table, rows, seconds, files, bytes, kept, null, null, null);
    }

    /** A sink's line with no kept objects. */
    public TableSummary(Table table, long rows, double seconds, int files, long bytes) {
        this(table, rows, seconds, files, bytes, 0);
    }

    /** An ingest's line. */
    public static TableSummary ingested(
            Table table, long rows, double seconds, String mode, TableChanges changes, Instant cursor) {
        return new TableSummary(table, rows, seconds, 0, 0, 0, mode, changes, cursor);
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
