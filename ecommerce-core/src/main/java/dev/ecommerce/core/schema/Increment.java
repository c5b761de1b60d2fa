package dev.ecommerce.core.schema;

import dev.ecommerce.core.ConfigurationException;
import java.time.Duration;
import java.util.List;

/**
 * How a table is loaded a part at a time: the rows whose {@code windowColumn} lies in a window are read and
 * replaced (rows with the same {@code key} too, wherever they were), and the newest {@code cursorColumn} of the
 * table after a load is where the next increment's window starts, {@code lookback} earlier.
 *
 * @param cursorColumn the column whose newest value is recorded after each load
 * @param windowColumn the column a window selects rows by
 * @param key the column that identifies a row
 * @param lookback how long after the cursor's value a row can still change (the window starts that much
 *     before the cursor)
 */
public record Increment(String cursorColumn, String windowColumn, String key, Duration lookback) {

    /** thelook's: {@code created_at}, the primary key, and the table's own bound ({@link Table#changesWithin()}). */
    public static Increment of(Table table) {
        Duration bound = table.changesWithin();
        return bound == null ? null : new Increment("created_at", "created_at", table.key(), bound);
    }

    /**
     * Checks the declaration against the table: the cursor and window columns must be timestamps of it, the key
     * one of its columns, the lookback not negative.
     *
     * @param setting the setting the declaration came from, named in errors
     */
    public Increment checkedFor(Table table, String setting) {
        List<String> timestamps = table.columns().stream()
                .filter(c -> c.type() == ColumnType.TIMESTAMPTZ)
                .map(Column::name)
                .toList();
        if (timestamps.isEmpty()) {
            throw new ConfigurationException(setting + ": " + table.sqlName()
                    + " has no timestamp column to load it a part at a time; it is always loaded whole.");
        }
        for (String column : new String[] {cursorColumn, windowColumn}) {
            if (!hasColumn(table, column)
                    || table.columns().get(table.columnIndex(column)).type() != ColumnType.TIMESTAMPTZ) {
                throw new ConfigurationException(setting + ": " + table.sqlName() + "." + column
                        + " is not a timestamp column of " + table.sqlName() + "; use one of " + timestamps + ".");
            }
        }
        if (!hasColumn(table, key)) {
            throw new ConfigurationException(
                    setting + ": " + table.sqlName() + " has no column " + key + " to use as its key.");
        }
        if (lookback.isNegative()) {
            throw new ConfigurationException(setting + ": the lookback of " + table.sqlName() + " must be 0 or more.");
        }
        return this;
    }

    private static boolean hasColumn(Table table, String column) {
        return column != null && table.columns().stream().anyMatch(c -> c.name().equals(column));
    }

    /** The same declaration with another lookback. */
    public Increment withLookback(Duration lookback) {
        return new Increment(cursorColumn, windowColumn, key, lookback);
    }
}
