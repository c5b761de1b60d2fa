package dev.ecommerce.core.transform.render;

import java.util.Locale;

/**
 * A column as {@code adapter.get_columns_in_relation} returns it (dbt's {@code Column}): {@code name}
 * ({@code column}), {@code quoted}, {@code dtype} and {@code data_type} (the database's type), and dbt's
 * type tests.
 */
public final class Column {

    private final String name;
    private final String dtype;

    Column(String name, String dtype) {
        this.name = name;
        this.dtype = dtype;
    }

    public String getName() {
        return name;
    }

    public String getColumn() {
        return name;
    }

    public String getQuoted() {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public String getDtype() {
        return dtype;
    }

    public String getDataType() {
        return dtype;
    }

    public boolean is_string() {
        String type = dtype.toUpperCase(Locale.ROOT);
        return type.equals("VARCHAR") || type.startsWith("VARCHAR(") || type.equals("TEXT") || type.equals("STRING");
    }

    /** {@code string_size()}: a string column's length ({@code VARCHAR(n)}), or dbt's default of 256. */
    public int string_size() {
        java.util.regex.Matcher size =
                java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(dtype);
        return size.find() ? Integer.parseInt(size.group(1)) : 256;
    }

    public boolean is_number() {
        return is_integer() || is_numeric() || is_float();
    }

    public boolean is_integer() {
        return dtype.toUpperCase(Locale.ROOT).matches("(TINY|SMALL|BIG|HUGE|U?)INT(EGER)?|U(TINY|SMALL|BIG|HUGE)INT");
    }

    public boolean is_numeric() {
        return dtype.toUpperCase(Locale.ROOT).startsWith("DECIMAL")
                || dtype.toUpperCase(Locale.ROOT).startsWith("NUMERIC");
    }

    public boolean is_float() {
        return dtype.toUpperCase(Locale.ROOT).matches("FLOAT|DOUBLE|REAL");
    }

    @Override
    public String toString() {
        return "<Column " + name + " (" + dtype + ")>";
    }
}
