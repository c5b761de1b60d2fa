package dev.ecommerce.testkit.bigquery;

import dev.ecommerce.core.warehouse.Sql;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place in the testkit that writes SQL text, besides {@link QueryTranslator} (which rewrites the
 * user's own query). Names are quoted here, values escaped here; types come only from {@link BqType}.
 */
final class SqlText {

    /** Column names BigQuery accepts (without flexible column names). */
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,299}");

    private SqlText() {}

    /** True when {@code name} is a plain BigQuery column name. */
    static boolean isColumnName(String name) {
        return name != null && COLUMN.matcher(name).matches();
    }

    /** A double-quoted DuckDB identifier, with embedded quotes doubled. */
    static String identifier(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Not a usable identifier: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    static String table(String schema, String table) {
        return identifier(schema) + "." + identifier(table);
    }

    /** A string literal (escaped by the core's one helper). */
    static String literal(String value) {
        return Sql.literal(value);
    }

    /** {@code CAST(expression AS type)}. */
    static String cast(String expression, BqType type) {
        return "CAST(" + expression + " AS " + type.duckType() + ")";
    }

    /** A column as REST rows need it: numbers as numbers, TIMESTAMP as epoch microseconds, the rest as text. */
    static String restValue(BqField field) {
        String column = identifier(field.name());
        return switch (field.type()) {
            case INT64, FLOAT64 -> column;
            case TIMESTAMP -> "epoch_us(" + column + ")";
            case DATETIME -> "strftime(" + column + ", '%Y-%m-%dT%H:%M:%S.%f')";
            case BYTES -> "base64(" + column + ")";
            case NUMERIC, BOOL, STRING, GEOGRAPHY, DATE, TIME -> "CAST(" + column + " AS VARCHAR)";
        };
    }

    /** The bytes BigQuery counts for a column: a fixed width per non-null value, or 2 + the length. */
    static String columnBytes(BqField field) {
        String column = identifier(field.name());
        return switch (field.type()) {
            case STRING, GEOGRAPHY -> "coalesce(sum(strlen(" + column + ") + 2), 0)";
            case BYTES -> "coalesce(sum(octet_length(" + column + ") + 2), 0)";
            default -> "count(" + column + ") * " + field.type().fixedWidth();
        };
    }

    /** {@code SELECT count(*), <bytes of each column> FROM table}. */
    static String tableStats(String duckName, List<BqField> fields) {
        return "SELECT count(*)"
                + fields.stream().map(f -> ", " + columnBytes(f)).collect(Collectors.joining())
                + " FROM " + duckName;
    }

    /**
     * {@code SELECT expressions FROM table [WHERE (predicate)] ORDER BY order LIMIT n OFFSET m}.
     *
     * @param predicate an already translated row restriction, or {@code null}
     */
    static String page(List<String> expressions, TableMeta table, String predicate, long offset, long limit) {
        return "SELECT " + String.join(", ", expressions) + " FROM " + table.duckName() + where(predicate)
                + " ORDER BY " + table.orderBy() + " LIMIT " + limit + " OFFSET " + offset;
    }

    /** {@code SELECT count(*) FROM table [WHERE (predicate)]}. */
    static String count(TableMeta table, String predicate) {
        return "SELECT count(*) FROM " + table.duckName() + where(predicate);
    }

    private static String where(String predicate) {
        return predicate == null ? "" : " WHERE (" + predicate + ")";
    }

    /** {@code DESCRIBE query}: the result columns of a query without running it. */
    static String describe(String query) {
        return "DESCRIBE " + query;
    }

    /** {@code CREATE TABLE name AS query}. */
    static String createTableAs(String duckName, String query) {
        return "CREATE TABLE " + duckName + " AS " + query;
    }

    /** {@code ALTER TABLE name RENAME COLUMN "a" TO "b"}. */
    static String renameColumn(String duckName, String from, String to) {
        return "ALTER TABLE " + duckName + " RENAME COLUMN " + identifier(from) + " TO " + identifier(to);
    }

    /** {@code ALTER TABLE name ALTER COLUMN "c" TYPE t}: a conversion that keeps the row order. */
    static String convertColumn(String duckName, String column, BqType type) {
        return "ALTER TABLE " + duckName + " ALTER COLUMN " + identifier(column) + " TYPE " + type.duckType()
                + " USING " + cast(identifier(column), type);
    }

    /** {@code CREATE SCHEMA IF NOT EXISTS s}. */
    static String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + identifier(schema);
    }
}
