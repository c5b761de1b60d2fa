package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;

/** One line of a goal's summary table. */
public record TableSummary(Table table, long rows, double seconds, int files, long bytes) {

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
