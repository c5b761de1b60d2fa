package dev.ecommerce.core.schema;

import static dev.ecommerce.core.schema.ColumnType.BIGINT;
import static dev.ecommerce.core.schema.ColumnType.DOUBLE;
import static dev.ecommerce.core.schema.ColumnType.TIMESTAMPTZ;
import static dev.ecommerce.core.schema.ColumnType.VARCHAR;

import dev.ecommerce.core.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seven tables of {@code bigquery-public-data.thelook_ecommerce}, with their physical column order
 * and DuckDB types. This enum is the allow-list for table names: nothing else reaches SQL or a path.
 */
public enum Table {
    DISTRIBUTION_CENTERS(
            "id",
            col("id", BIGINT),
            col("name", VARCHAR),
            col("latitude", DOUBLE),
            col("longitude", DOUBLE),
            col("distribution_center_geom", VARCHAR)),
    PRODUCTS(
            "id",
            col("id", BIGINT),
            col("cost", DOUBLE),
            col("category", VARCHAR),
            col("name", VARCHAR),
            col("brand", VARCHAR),
            col("retail_price", DOUBLE),
            col("department", VARCHAR),
            col("sku", VARCHAR),
            col("distribution_center_id", BIGINT)),
    USERS(
            "id",
            col("id", BIGINT),
            col("first_name", VARCHAR),
            col("last_name", VARCHAR),
            col("email", VARCHAR),
            col("age", BIGINT),
            col("gender", VARCHAR),
            col("state", VARCHAR),
            col("street_address", VARCHAR),
            col("postal_code", VARCHAR),
            col("city", VARCHAR),
            col("country", VARCHAR),
            col("latitude", DOUBLE),
            col("longitude", DOUBLE),
            col("traffic_source", VARCHAR),
            col("created_at", TIMESTAMPTZ),
            col("user_geom", VARCHAR)),
    ORDERS(
            "order_id",
            col("order_id", BIGINT),
            col("user_id", BIGINT),
            col("status", VARCHAR),
            col("gender", VARCHAR),
            col("created_at", TIMESTAMPTZ),
            col("returned_at", TIMESTAMPTZ),
            col("shipped_at", TIMESTAMPTZ),
            col("delivered_at", TIMESTAMPTZ),
            col("num_of_item", BIGINT)),
    ORDER_ITEMS(
            "id",
            col("id", BIGINT),
            col("order_id", BIGINT),
            col("user_id", BIGINT),
            col("product_id", BIGINT),
            col("inventory_item_id", BIGINT),
            col("status", VARCHAR),
            col("created_at", TIMESTAMPTZ),
            col("shipped_at", TIMESTAMPTZ),
            col("delivered_at", TIMESTAMPTZ),
            col("returned_at", TIMESTAMPTZ),
            col("sale_price", DOUBLE)),
    INVENTORY_ITEMS(
            "id",
            col("id", BIGINT),
            col("product_id", BIGINT),
            col("created_at", TIMESTAMPTZ),
            col("sold_at", TIMESTAMPTZ),
            col("cost", DOUBLE),
            col("product_category", VARCHAR),
            col("product_name", VARCHAR),
            col("product_brand", VARCHAR),
            col("product_retail_price", DOUBLE),
            col("product_department", VARCHAR),
            col("product_sku", VARCHAR),
            col("product_distribution_center_id", BIGINT)),
    EVENTS(
            "id",
            col("id", BIGINT),
            col("user_id", BIGINT),
            col("sequence_number", BIGINT),
            col("session_id", VARCHAR),
            col("created_at", TIMESTAMPTZ),
            col("ip_address", VARCHAR),
            col("city", VARCHAR),
            col("state", VARCHAR),
            col("postal_code", VARCHAR),
            col("browser", VARCHAR),
            col("traffic_source", VARCHAR),
            col("uri", VARCHAR),
            col("event_type", VARCHAR));

    private final String key;
    private final List<Column> columns;

    Table(String key, Column... columns) {
        this.key = key;
        this.columns = List.of(columns);
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, type);
    }

    /** The table's name in BigQuery, DuckDB and file names, e.g. {@code order_items}. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The primary key column. */
    public String key() {
        return key;
    }

    /**
     * The longest time after its creation at which a row of this table can still change in thelook (the lookback
     * an incremental load needs): fulfilment within 11 days of an order, stock sold up to 60 days after it
     * arrived; users and events never change. Null for the reference tables, which have no creation time.
     */
    public Duration changesWithin() {
        return switch (this) {
            case DISTRIBUTION_CENTERS, PRODUCTS -> null;
            case USERS, EVENTS -> Duration.ZERO;
            case ORDERS, ORDER_ITEMS -> Duration.ofDays(11);
            case INVENTORY_ITEMS -> Duration.ofDays(60);
        };
    }

    public List<Column> columns() {
        return columns;
    }

    /** The index of a column by name. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(sqlName() + " has no column " + column);
    }

    /** Comma-separated valid names, for error messages. */
    public static String validNames() {
        return Arrays.stream(values()).map(Table::sqlName).collect(Collectors.joining(", "));
    }

    /** The tables' SQL names, comma-separated, in the list's order. */
    public static String sqlNames(List<Table> tables) {
        return tables.stream().map(Table::sqlName).collect(Collectors.joining(", "));
    }

    /**
     * Parses table names (case-insensitive, blanks ignored, order kept, duplicates dropped). Empty or
     * null input means all seven tables.
     *
     * @param names the configured names
     * @param setting the pom element or property the names came from, named in the error
     * @throws ConfigurationException naming every unknown table and the valid names
     */
    public static List<Table> parseAll(List<String> names, String setting) {
        if (names == null) {
            return List.of(values());
        }
        List<String> unknown = new ArrayList<>();
        Set<Table> seen = EnumSet.noneOf(Table.class);
        List<Table> tables = new ArrayList<>();
        for (String raw : names) {
            for (String part : raw.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                Table table = find(name);
                if (table == null) {
                    unknown.add(name);
                } else if (seen.add(table)) {
                    tables.add(table);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Unknown table" + (unknown.size() > 1 ? "s " : " ") + unknown + " in "
                    + setting + ". Valid tables: " + validNames() + ".");
        }
        return tables.isEmpty() ? List.of(values()) : List.copyOf(tables);
    }

    private static Table find(String name) {
        for (Table table : values()) {
            if (table.sqlName().equalsIgnoreCase(name)) {
                return table;
            }
        }
        return null;
    }
}
