package dev.ecommerce.core.schema;

import java.util.Arrays;
import java.util.List;

/**
 * A columnar batch of rows of one {@link Table}: primitive arrays per column, so that a source can fill
 * it cheaply and the warehouse can bulk-append it. Timestamps are epoch microseconds (UTC). A batch is
 * filled by one thread and then handed over; it is not thread-safe.
 */
public final class TableBatch {

    private final Table table;
    private final List<Column> columns;
    private final Object[] values;
    private final boolean[][] nulls;
    private int size;
    private int capacity;

    public TableBatch(Table table, int initialCapacity) {
        this.table = table;
        this.columns = table.columns();
        this.capacity = Math.max(16, initialCapacity);
        this.values = new Object[columns.size()];
        this.nulls = new boolean[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            values[c] = switch (columns.get(c).type()) {
                case BIGINT, TIMESTAMPTZ -> new long[capacity];
                case DOUBLE -> new double[capacity];
                case VARCHAR -> new String[capacity];
            };
        }
    }

    public Table table() {
        return table;
    }

    public int size() {
        return size;
    }

    /** Starts a new row (all columns zero/null until set) and returns its index. */
    public int addRow() {
        if (size == capacity) {
            grow();
        }
        return size++;
    }

    public void setLong(int column, int row, long value) {
        ((long[]) values[column])[row] = value;
        clearNull(column, row);
    }

    public void setDouble(int column, int row, double value) {
        ((double[]) values[column])[row] = value;
        clearNull(column, row);
    }

    /** Sets a VARCHAR value; {@code null} is SQL NULL. */
    public void setString(int column, int row, String value) {
        ((String[]) values[column])[row] = value;
    }

    /** Sets a TIMESTAMPTZ value as epoch microseconds (UTC). */
    public void setMicros(int column, int row, long epochMicros) {
        ((long[]) values[column])[row] = epochMicros;
        clearNull(column, row);
    }

    private void clearNull(int column, int row) {
        if (nulls[column] != null) {
            nulls[column][row] = false;
        }
    }

    /** Marks a BIGINT, DOUBLE or TIMESTAMPTZ cell as SQL NULL. */
    public void setNull(int column, int row) {
        if (nulls[column] == null) {
            nulls[column] = new boolean[capacity];
        }
        nulls[column][row] = true;
    }

    public boolean isNull(int column, int row) {
        if (columns.get(column).type() == ColumnType.VARCHAR) {
            return ((String[]) values[column])[row] == null;
        }
        return nulls[column] != null && nulls[column][row];
    }

    public long getLong(int column, int row) {
        return ((long[]) values[column])[row];
    }

    public double getDouble(int column, int row) {
        return ((double[]) values[column])[row];
    }

    public String getString(int column, int row) {
        return ((String[]) values[column])[row];
    }

    /** Adds {@code delta} to every non-null value of a BIGINT column (used to turn local ids global). */
    public void shift(int column, long delta) {
        if (delta == 0) {
            return;
        }
        long[] longs = (long[]) values[column];
        boolean[] isNull = nulls[column];
        for (int row = 0; row < size; row++) {
            if (isNull == null || !isNull[row]) {
                longs[row] += delta;
            }
        }
    }

    /**
     * Keeps only the rows whose TIMESTAMPTZ column {@code timeColumn} is in {@code [from, until)}, in their order:
     * a generated world seen as of a date, or an increment's window of it.
     */
    public void retainWithin(int timeColumn, long from, long until) {
        long[] times = (long[]) values[timeColumn];
        int kept = 0;
        for (int row = 0; row < size; row++) {
            if (times[row] < from || times[row] >= until) {
                continue;
            }
            if (kept != row) {
                for (int c = 0; c < values.length; c++) {
                    System.arraycopy(values[c], row, values[c], kept, 1);
                    if (nulls[c] != null) {
                        nulls[c][kept] = nulls[c][row];
                    }
                }
            }
            kept++;
        }
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof String[] strings) {
                Arrays.fill(strings, kept, size, null);
            }
        }
        size = kept;
    }

    private void grow() {
        int newCapacity = capacity * 2;
        for (int c = 0; c < values.length; c++) {
            Object array = values[c];
            if (array instanceof long[] longs) {
                values[c] = Arrays.copyOf(longs, newCapacity);
            } else if (array instanceof double[] doubles) {
                values[c] = Arrays.copyOf(doubles, newCapacity);
            } else {
                values[c] = Arrays.copyOf((String[]) array, newCapacity);
            }
            if (nulls[c] != null) {
                nulls[c] = Arrays.copyOf(nulls[c], newCapacity);
            }
        }
        capacity = newCapacity;
    }
}
