package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;

/**
 * One line of a goal's summary table.
 *
 * @param files the files (objects) written
 * @param kept the objects of an earlier run a destination kept because their rows did not change
 */
public record TableSummary(Table table, long rows, double seconds, int files, long bytes, int kept) {

    /** A line with no kept objects. */
    public TableSummary(Table table, long rows, double seconds, int files, long bytes) {
        this(table, rows, seconds, files, bytes, 0);
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
