package dev.ecommerce.core.sink;

import java.util.List;

/**
 * What a destination that applies changes (MotherDuck's {@code replace}) changed in one table.
 *
 * @param replacedWhole true when the table was created or replaced whole (missing, or other columns)
 * @param rowsInserted rows written
 * @param rowsDeleted rows removed
 * @param monthsChanged the months ({@code yyyy-MM} of {@code created_at}, UTC) whose rows were rewritten, ascending;
 *     {@code all} for a table without {@code created_at}, {@code none} for rows without one
 * @param monthsKept the months of the source left as they were, because the target had the same rows
 */
public record TableChanges(
        boolean replacedWhole, long rowsInserted, long rowsDeleted, List<String> monthsChanged, int monthsKept) {

    public TableChanges {
        monthsChanged = List.copyOf(monthsChanged);
    }

    /** The changes in words, for the log. */
    public String describe() {
        if (replacedWhole) {
            return String.format(java.util.Locale.ROOT, "replaced whole: %,d rows", rowsInserted);
        }
        if (monthsChanged.isEmpty()) {
            return String.format(java.util.Locale.ROOT, "unchanged (%,d months kept)", monthsKept);
        }
        return String.format(
                java.util.Locale.ROOT,
                "%,d rows inserted, %,d deleted in %s; %,d months kept",
                rowsInserted,
                rowsDeleted,
                String.join(", ", monthsChanged),
                monthsKept);
    }
}
