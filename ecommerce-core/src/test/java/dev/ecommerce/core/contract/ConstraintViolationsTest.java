package dev.ecommerce.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Sql;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows that break each constraint of each contract, inserted with plain SQL into a copy of a generated
 * table, are reported with the right key, property, constraint and Hibernate Validator's message.
 */
class ConstraintViolationsTest {

    private static final String NOT_NULL = "must not be null";
    private static final String POSITIVE = "must be greater than 0";
    private static final String NOT_BLANK = "must not be blank";
    private static final String FULFILMENT = "fulfilment timestamps must match the status (Returned: shipped,"
            + " delivered, returned; Complete: shipped, delivered; Shipped: shipped; Processing, Cancelled: none)";
    private static final String ORDER_TIMES =
            "timestamps must be in the order [createdAt, shippedAt, deliveredAt," + " returnedAt]";
    private static final String STATUSES = "must be one of [Complete, Cancelled, Returned, Processing, Shipped]";

    @TempDir
    static Path shared;

    private static Path generated;
    private static ContractEngine engine;
    private static Locale locale;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        engine = ContractEngine.create();
        generated = TestWarehouses.generate(shared, 3, 0.001);
    }

    @AfterAll
    static void close() {
        engine.close();
        Locale.setDefault(locale);
    }

    /** Bad rows of one table: each copies a base row, replaces some columns, and expects violations. */
    private final class Cases {
        private final Table table;
        private final List<String> inserts = new ArrayList<>();
        private final Map<Long, Set<String>> expected = new LinkedHashMap<>();
        private long nextKey = 1_000_000;

        Cases(Table table) {
            this.table = table;
        }

        /** A row from the first base row matching {@code where}, with columns replaced. */
        Cases row(String where, String replace, String... violations) {
            long key = nextKey++;
            return insert(key, Long.toString(key), where, replace, violations);
        }

        Cases insert(Long key, String keySql, String where, String replace, String... violations) {
            String k = Sql.identifier(table.key());
            String t = Sql.identifier(table.sqlName());
            inserts.add("INSERT INTO " + t + " SELECT * REPLACE (" + keySql + " AS " + k
                    + (replace.isEmpty() ? "" : ", " + replace) + ") FROM " + t + " WHERE " + where + " ORDER BY "
                    + k + " LIMIT 1");
            if (violations.length > 0) {
                expected.put(key, new TreeSet<>(List.of(violations)));
            }
            return this;
        }

        void verify() {
            Path copy = TestWarehouses.copyWith(generated, dir.resolve("copy.duckdb"), inserts);
            try (Warehouse warehouse = Warehouse.openForRead(copy)) {
                assertThat(warehouse.rowCount(table))
                        .isEqualTo(warehouse.queryLong("SELECT count(*) FROM " + Sql.identifier(table.sqlName())
                                        + " WHERE " + Sql.identifier(table.key()) + " BETWEEN 1 AND 999999")
                                + inserts.size());
                ContractResult result = engine.check(warehouse, table);
                Map<Long, Set<String>> actual = new LinkedHashMap<>();
                for (Violation v : result.violations()) {
                    assertThat(v.table()).isEqualTo(table);
                    actual.computeIfAbsent(v.rowKey(), key -> new TreeSet<>())
                            .add(v.property() + "|" + v.constraint() + "|" + v.message());
                }
                assertThat(actual).isEqualTo(expected);
                assertThat(result.invalidRowKeys()).containsExactlyElementsOf(expected.keySet());
            }
        }
    }

    private static String v(String property, String constraint, String message) {
        return property + "|" + constraint + "|" + message;
    }

    @Test
    void distributionCenters() {
        new Cases(Table.DISTRIBUTION_CENTERS)
                .insert(null, "NULL", "true", "", v("id", "NotNull", NOT_NULL))
                .row("true", "") // an untouched copy is valid
                .row("true", "'  ' AS name", v("name", "NotBlank", NOT_BLANK))
                .row("true", "NULL AS name", v("name", "NotBlank", NOT_BLANK))
                .row("true", "NULL AS latitude", v("latitude", "NotNull", NOT_NULL))
                .row("true", "90.5 AS latitude", v("latitude", "DecimalMax", "must be less than or equal to 90"))
                .row("true", "90.0 AS latitude, -180.0 AS longitude") // bounds are inclusive
                .row("true", "-91 AS latitude", v("latitude", "DecimalMin", "must be greater than or equal to -90"))
                .row("true", "180.01 AS longitude", v("longitude", "DecimalMax", "must be less than or equal to 180"))
                .row(
                        "true",
                        "'POINT(1 2' AS distribution_center_geom",
                        v("distributionCenterGeom", "Pattern", "must match \"" + Formats.WKT_POINT + "\""))
                .row("true", "NULL AS distribution_center_geom", v("distributionCenterGeom", "NotNull", NOT_NULL))
                .verify();
    }

    @Test
    void products() {
        String below = "cost must be below retailPrice";
        new Cases(Table.PRODUCTS)
                .insert(-5L, "-5", "true", "", v("id", "Positive", POSITIVE))
                .row("true", "0.0 AS cost", v("cost", "Positive", POSITIVE))
                .row("true", "NULL AS cost", v("cost", "NotNull", NOT_NULL))
                .row("true", "retail_price AS cost", v("", "CostBelowRetailPrice", below))
                .row("true", "retail_price + 1 AS cost", v("", "CostBelowRetailPrice", below))
                .row(
                        "true",
                        "0.0 AS retail_price",
                        v("retailPrice", "DecimalMin", "must be greater than 0"),
                        v("", "CostBelowRetailPrice", below))
                .row("true", "'' AS category", v("category", "NotBlank", NOT_BLANK))
                .row("true", "repeat('x', 256) AS name", v("name", "Size", "size must be between 0 and 255"))
                .row("true", "repeat('x', 255) AS name")
                // Java counts UTF-16 units: 128 emoji are 256 of them, 127 are 254.
                .row("true", "repeat(chr(128512), 128) AS name", v("name", "Size", "size must be between 0 and 255"))
                .row("true", "repeat(chr(128512), 127) AS name")
                .row("true", "NULL AS brand", v("brand", "NotBlank", NOT_BLANK))
                .row("true", "'Kids' AS department", v("department", "OneOf", "must be one of [Men, Women]"))
                .row("true", "NULL AS department", v("department", "NotNull", NOT_NULL))
                .row("true", "lower(sku) AS sku", v("sku", "Pattern", "must match \"[0-9A-F]{32}\""))
                .row("true", "substr(sku, 2) AS sku", v("sku", "Pattern", "must match \"[0-9A-F]{32}\""))
                .row("true", "0 AS distribution_center_id", v("distributionCenterId", "Positive", POSITIVE))
                .verify();
    }

    @Test
    void users() {
        String email = "must be a well-formed email address";
        String shape = "must match \"" + Formats.EMAIL + "\"";
        new Cases(Table.USERS)
                .row("true", "'not-an-email' AS email", v("email", "Email", email), v("email", "Pattern", shape))
                .row("true", "'first..last@example.com' AS email", v("email", "Email", email))
                .row("true", "NULL AS email", v("email", "NotNull", NOT_NULL))
                .row("true", "11 AS age", v("age", "Min", "must be greater than or equal to 12"))
                .row("true", "71 AS age", v("age", "Max", "must be less than or equal to 70"))
                .row("true", "12 AS age")
                .row("true", "70 AS age")
                .row("true", "NULL AS age", v("age", "NotNull", NOT_NULL))
                .row("true", "'X' AS gender", v("gender", "OneOf", "must be one of [M, F]"))
                .row(
                        "true",
                        "'Adwords' AS traffic_source",
                        v("trafficSource", "OneOf", "must be one of [Search, Organic, Facebook, Email, Display]"))
                .row(
                        "true",
                        "-90.0001 AS latitude",
                        v("latitude", "DecimalMin", "must be greater than or equal to -90"))
                .row("true", "NULL AS created_at", v("createdAt", "NotNull", NOT_NULL))
                .row(
                        "true",
                        "'POINT(1,2)' AS user_geom",
                        v("userGeom", "Pattern", "must match \"" + Formats.WKT_POINT + "\""))
                .row("true", "' ' AS first_name", v("firstName", "NotBlank", NOT_BLANK))
                .row("true", "chr(12288) || chr(11) AS last_name", v("lastName", "NotBlank", NOT_BLANK))
                .row("true", "chr(160) AS last_name") // a no-break space is not blank to Java
                .row("true", "chr(9) AS country", v("country", "NotBlank", NOT_BLANK))
                .row("true", "NULL AS state", v("state", "NotNull", NOT_NULL))
                .row("true", "'' AS state") // present is enough
                .row("true", "(SELECT email FROM users ORDER BY id DESC LIMIT 1) AS email") // not unique
                .verify();
    }

    @Test
    void orders() {
        Cases cases = new Cases(Table.ORDERS);
        cases.row(
                        "status = 'Complete'",
                        "delivered_at + INTERVAL 1 DAY AS returned_at",
                        v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row(
                        "status = 'Shipped'",
                        "shipped_at + INTERVAL 1 DAY AS delivered_at",
                        v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row("status = 'Processing'", "created_at AS shipped_at", v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row("status = 'Cancelled'", "")
                .row("status = 'Returned'", "NULL AS returned_at", v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row("status = 'Returned'", "'Complete' AS status", v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row(
                        "status = 'Complete'",
                        "shipped_at - INTERVAL 1 HOUR AS delivered_at",
                        v("", "TimestampsInOrder", ORDER_TIMES))
                .row(
                        "status = 'Returned'",
                        "created_at - INTERVAL 1 MINUTE AS returned_at",
                        v("", "TimestampsInOrder", ORDER_TIMES))
                .row(
                        "status = 'Shipped'",
                        "NULL AS shipped_at, created_at + INTERVAL 1 DAY AS delivered_at,"
                                + " created_at - INTERVAL 1 DAY AS returned_at",
                        v("", "FulfilmentMatchesStatus", FULFILMENT),
                        v("", "TimestampsInOrder", ORDER_TIMES))
                .row("status = 'Complete'", "delivered_at AS shipped_at") // equal times are in order
                .row("status = 'Complete'", "'Lost' AS status", v("status", "OneOf", STATUSES))
                .row("status = 'Complete'", "NULL AS status", v("status", "NotNull", NOT_NULL))
                .row("true", "0 AS num_of_item", v("numOfItem", "Min", "must be greater than or equal to 1"))
                .row("true", "5 AS num_of_item", v("numOfItem", "Max", "must be less than or equal to 4"))
                .row("true", "-1 AS user_id", v("userId", "Positive", POSITIVE))
                .row("true", "NULL AS gender", v("gender", "NotNull", NOT_NULL))
                .row(
                        "status = 'Returned'",
                        "TIMESTAMPTZ '2030-01-01 00:00:00+00' AS returned_at") // after the anchor date
                .verify();
    }

    @Test
    void orderItems() {
        new Cases(Table.ORDER_ITEMS)
                .row("status = 'Shipped'", "NULL AS shipped_at", v("", "FulfilmentMatchesStatus", FULFILMENT))
                .row(
                        "status = 'Complete'",
                        "delivered_at + INTERVAL 1 SECOND AS shipped_at",
                        v("", "TimestampsInOrder", ORDER_TIMES))
                .row("true", "-1.0 AS sale_price", v("salePrice", "DecimalMin", "must be greater than 0"))
                .row("true", "0 AS product_id", v("productId", "Positive", POSITIVE))
                .row("true", "NULL AS inventory_item_id", v("inventoryItemId", "NotNull", NOT_NULL))
                .row("true", "'complete' AS status", v("status", "OneOf", STATUSES))
                .row("true", "0.01 AS sale_price")
                .verify();
    }

    @Test
    void inventoryItems() {
        new Cases(Table.INVENTORY_ITEMS)
                .row(
                        "sold_at IS NOT NULL",
                        "created_at - INTERVAL 1 DAY AS sold_at",
                        v("", "TimestampsInOrder", "timestamps must be in the order [createdAt, soldAt]"))
                .row("sold_at IS NULL", "")
                .row(
                        "true",
                        "product_retail_price AS cost",
                        v("", "CostBelowRetailPrice", "cost must be below productRetailPrice"))
                .row("true", "NULL AS product_sku", v("productSku", "NotNull", NOT_NULL))
                .row(
                        "true",
                        "'men' AS product_department",
                        v("productDepartment", "OneOf", "must be one of [Men, Women]"))
                .row("true", "'' AS product_brand", v("productBrand", "NotBlank", NOT_BLANK))
                .row("true", "NULL AS created_at", v("createdAt", "NotNull", NOT_NULL))
                .verify();
    }

    @Test
    void events() {
        String uri = "must match \"" + Formats.EVENT_URI + "\"";
        String ip = "must match \"" + Formats.IPV4 + "\"";
        new Cases(Table.EVENTS)
                .row("user_id IS NOT NULL", "NULL AS user_id") // anonymous
                .row("true", "0 AS user_id", v("userId", "Positive", POSITIVE))
                .row(
                        "true",
                        "upper(session_id) AS session_id",
                        v("sessionId", "Pattern", "must match \"" + Formats.UUID + "\""))
                .row("true", "'256.1.1.1' AS ip_address", v("ipAddress", "Pattern", ip))
                .row("true", "'1.2.3' AS ip_address", v("ipAddress", "Pattern", ip))
                .row("true", "'255.0.0.9' AS ip_address")
                .row(
                        "true",
                        "'Edge' AS browser",
                        v("browser", "OneOf", "must be one of [Chrome, Safari, Firefox, IE, Other]"))
                .row(
                        "true",
                        "'Search' AS traffic_source",
                        v("trafficSource", "OneOf", "must be one of [Email, Adwords, YouTube, Facebook, Organic]"))
                .row(
                        "true",
                        "'Home' AS event_type",
                        v("eventType", "OneOf", "must be one of [home, department, product, cart, purchase, cancel]"))
                .row("true", "'/product/abc' AS uri", v("uri", "Pattern", uri))
                .row("true", "'/department/kids/category/x/brand/y' AS uri", v("uri", "Pattern", uri))
                .row("true", "'/department/women/category/swim/brand/calloway' AS uri")
                .row("true", "NULL AS uri", v("uri", "NotNull", NOT_NULL))
                .row("true", "0 AS sequence_number", v("sequenceNumber", "Positive", POSITIVE))
                .row("true", "NULL AS created_at", v("createdAt", "NotNull", NOT_NULL))
                .verify();
    }
}
