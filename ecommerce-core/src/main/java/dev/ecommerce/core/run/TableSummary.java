package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.TableChanges;
import java.time.Instant;

/**
 * One line of a goal's summary table.
 *
 * @param mode how ingest loaded the table ({@code full}, {@code incremental}, {@code backfill}), else null
 * @param changes what ingest inserted, updated and deleted, else null
 * @param cursor the newest value of the table's cursor column after ingest, else null
 */
public record TableSummary(
        Table table,
        long rows,
        double seconds,
        int files,
        long bytes,
        String mode,
        TableChanges changes,
        Instant cursor) {

    /** A line without ingest's changes (sink). */
    public TableSummary(Table table, long rows, double seconds, int files, long bytes) {
        this(table, rows, seconds, files, bytes, null, null, null);
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
