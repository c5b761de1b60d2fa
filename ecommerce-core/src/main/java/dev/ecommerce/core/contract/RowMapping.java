package dev.ecommerce.core.contract;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.ColumnType;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Sql;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Binds a contract record to a table: each component is the column of the same name in snake_case, with
 * the Java type of its column type (Long BIGINT, Double DOUBLE, String VARCHAR, Instant TIMESTAMPTZ).
 */
final class RowMapping {

    private final Table table;
    private final Class<?> type;
    private final RecordComponent[] components;
    private final Column[] columns;
    private final Constructor<?> constructor;

    private RowMapping(Table table, Class<?> type, RecordComponent[] components, Column[] columns) {
        this.table = table;
        this.type = type;
        this.components = components;
        this.columns = columns;
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot use the canonical constructor of the contract " + type.getName()
                            + ": make the record public or its package open",
                    e);
        }
    }

    /**
     * @throws ConfigurationException when the contract is not a record or a component has no column of a
     *     matching type
     */
    static RowMapping of(Table table, Class<?> type) {
        if (!type.isRecord()) {
            throw new ConfigurationException(
                    "The contract " + type.getName() + " of " + table.sqlName() + " must be a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        Column[] columns = new Column[components.length];
        for (int i = 0; i < components.length; i++) {
            columns[i] = column(table, type, components[i].getName());
            Class<?> expected = javaType(columns[i].type());
            if (components[i].getType() != expected) {
                throw new ConfigurationException("The component " + components[i].getName() + " of the contract "
                        + type.getName() + " must be a " + expected.getSimpleName() + " for the column "
                        + table.sqlName() + "." + columns[i].name() + " ("
                        + columns[i].type().sql() + ")");
            }
        }
        return new RowMapping(table, type, components, columns);
    }

    private static Column column(Table table, Class<?> type, String property) {
        String name = snakeCase(property);
        for (Column column : table.columns()) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new ConfigurationException("The property " + property + " of the contract " + type.getName()
                + " has no column " + name + " in " + table.sqlName());
    }

    static Class<?> javaType(ColumnType type) {
        return switch (type) {
            case BIGINT -> Long.class;
            case DOUBLE -> Double.class;
            case VARCHAR -> String.class;
            case TIMESTAMPTZ -> Instant.class;
        };
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    Table table() {
        return table;
    }

    Class<?> type() {
        return type;
    }

    int size() {
        return components.length;
    }

    String property(int index) {
        return components[index].getName();
    }

    /** True when the property is one of the record's components. */
    boolean hasProperty(String property) {
        return Arrays.stream(components).anyMatch(c -> c.getName().equals(property));
    }

    /** The column of a property of this contract. */
    Column column(String property) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(property)) {
                return columns[i];
            }
        }
        throw new ConfigurationException("The contract " + type.getName() + " has no property " + property);
    }

    /** The key column as a select expression. */
    String keyColumn() {
        return Sql.identifier(table.key());
    }

    /** A column as a select expression that {@link #read} turns back into its Java value. */
    static String select(Column column) {
        String name = Sql.identifier(column.name());
        return column.type() == ColumnType.TIMESTAMPTZ ? "epoch_us(" + name + ")" : name;
    }

    /** The value of a column selected with {@link #select}, as the record component's type. */
    static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object value = switch (type) {
            case BIGINT, TIMESTAMPTZ -> rs.getLong(index);
            case DOUBLE -> rs.getDouble(index);
            case VARCHAR -> rs.getString(index);
        };
        if (rs.wasNull()) {
            return null;
        }
        if (type == ColumnType.TIMESTAMPTZ) {
            long micros = (Long) value;
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        }
        return value;
    }

    /** A {@code SELECT} of the key and every component's column, key first, in key order. */
    String selectAll() {
        return selectAll("");
    }

    /** {@link #selectAll()} of some rows: {@code where} is {@code ""} or {@code " WHERE <condition>"}. */
    String selectAll(String where) {
        StringBuilder sql = new StringBuilder("SELECT ").append(keyColumn());
        for (Column column : columns) {
            sql.append(", ").append(select(column));
        }
        return sql.append(" FROM ")
                .append(Sql.identifier(table.sqlName()))
                .append(where)
                .append(" ORDER BY ")
                .append(keyColumn())
                .append(" NULLS FIRST")
                .toString();
    }

    /** Reads the components' columns starting at a 1-based index into a new record. */
    Object readRow(ResultSet rs, int firstIndex) throws SQLException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(rs, firstIndex + i, columns[i].type());
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new ConfigurationException(
                    "Cannot create a " + type.getName() + " from a row of " + table.sqlName() + ": " + e.getMessage(),
                    e);
        }
    }

    /** A value as violation text: instants in ISO-8601, null as null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
