package dev.ecommerce.core.transform.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A query's result as {@code run_query} and {@code load_result(...).table} return it, shaped like the agate
 * table dbt gives templates: {@code rows} (each indexed by position, {@code row[0]}, or column name,
 * {@code row['id']}), {@code columns} (each with {@code name} and {@code values()}), {@code column_names},
 * {@code column_types}, and iteration over its rows. (Jinjava reads {@code column_names} through
 * {@code getColumnNames()}: it maps snake_case properties to camelCase getters.)
 */
public final class AgateTable implements Iterable<AgateTable.Row> {

    private final List<String> columnNames;
    private final List<String> columnTypes;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param columnNames the result's column names, in order
     * @param columnTypes their database types
     * @param values the rows, each a value per column
     */
    public AgateTable(List<String> columnNames, List<String> columnTypes, List<List<Object>> values) {
        this.columnNames = List.copyOf(columnNames);
        this.columnTypes = List.copyOf(columnTypes);
        for (List<Object> row : values) {
            Row mapped = new Row();
            for (int i = 0; i < columnNames.size(); i++) {
                mapped.put(columnNames.get(i), row.get(i));
            }
            rows.add(mapped);
        }
    }

    /** An empty result: what a statement without a result set returns. */
    public static AgateTable empty() {
        return new AgateTable(List.of(), List.of(), List.of());
    }

    public List<Row> getRows() {
        return rows;
    }

    public List<String> getColumnNames() {
        return columnNames;
    }

    public List<String> getColumnTypes() {
        return columnTypes;
    }

    public Columns getColumns() {
        Columns columns = new Columns();
        for (int i = 0; i < columnNames.size(); i++) {
            columns.put(columnNames.get(i), new TableColumn(columnNames.get(i), columnTypes.get(i), i));
        }
        return columns;
    }

    /** {@code load_result(...).data} and {@code ['data']}: the rows as lists of values. */
    List<List<Object>> data() {
        List<List<Object>> data = new ArrayList<>();
        rows.forEach(r -> data.add(new ArrayList<>(r.values())));
        return data;
    }

    @Override
    public Iterator<Row> iterator() {
        return rows.iterator();
    }

    @Override
    public String toString() {
        return "<agate.Table " + columnNames + ", " + rows.size() + " rows>";
    }

    /** One row: its values by column name ({@code row['id']}), and by position ({@code row[0]}). */
    public static final class Row extends Positional<Object> {}

    /** A mapping by name whose values are also read by position: Jinjava passes {@code [0]}'s index as text. */
    public static class Positional<V> extends LinkedHashMap<String, V> {

        @Override
        public V get(Object key) {
            if (!containsKey(key) && key != null && String.valueOf(key).matches("-?\\d+")) {
                List<V> values = new ArrayList<>(values());
                int index = Integer.parseInt(String.valueOf(key));
                return values.get(index < 0 ? values.size() + index : index);
            }
            return super.get(key);
        }
    }

    /**
     * The columns by name, as agate's mapping of them ({@code keys()}, {@code values()}, {@code items()}: for
     * {@code for name, column in table.columns.items()}), and by position ({@code columns[0]}).
     */
    public static final class Columns extends Positional<TableColumn> {}

    /** One column: its {@code name}, {@code data_type} and {@code values()}. */
    public final class TableColumn {
        private final String name;
        private final String type;
        private final int index;

        TableColumn(String name, String type, int index) {
            this.name = name;
            this.type = type;
            this.index = index;
        }

        public String getName() {
            return name;
        }

        public String getDataType() {
            return type;
        }

        public List<Object> values() {
            List<Object> values = new ArrayList<>();
            rows.forEach(r -> values.add(new ArrayList<>(r.values()).get(index)));
            return values;
        }
    }
}
