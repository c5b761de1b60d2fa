package dev.ecommerce.core.source.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator against the facts of ../shared/thelook/README.md, checked with SQL on a real warehouse. */
class ThelookGeneratorTest {

    @TempDir
    static Path dir;

    static Warehouse warehouse;

    @BeforeAll
    static void generate() {
        warehouse = Warehouse.openForRead(Fixtures.ingest(dir, 0.1));
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    private long count(String sql) {
        return warehouse.queryLong(sql);
    }

    @Test
    void fixedTablesHaveTheirRealSizes() {
        assertThat(warehouse.rowCount(Table.DISTRIBUTION_CENTERS)).isEqualTo(10);
        assertThat(warehouse.rowCount(Table.PRODUCTS)).isEqualTo(29_120);
        assertThat(warehouse.rowCount(Table.USERS)).isEqualTo(10_000);
    }

    @Test
    void perUserRatiosMatchTheRealDataset() {
        double users = warehouse.rowCount(Table.USERS);
        assertThat(warehouse.rowCount(Table.ORDERS) / users).isCloseTo(1.25, within(1.25 * 0.03));
        assertThat(warehouse.rowCount(Table.ORDER_ITEMS) / users).isCloseTo(1.8125, within(1.8125 * 0.03));
        assertThat(warehouse.rowCount(Table.INVENTORY_ITEMS) / users).isCloseTo(4.894, within(4.894 * 0.03));
        assertThat(warehouse.rowCount(Table.EVENTS) / users).isCloseTo(24.25, within(24.25 * 0.03));
        double sessions = count("SELECT count(DISTINCT session_id) FROM events");
        assertThat(sessions / users).isCloseTo(6.8125, within(6.8125 * 0.03));
        double productEvents = count("SELECT count(*) FROM events WHERE event_type = 'product'");
        assertThat(productEvents / users).isCloseTo(8.4375, within(8.4375 * 0.03));
    }

    @Test
    void columnsHaveTheDocumentedNamesOrderAndTypes() {
        for (Table table : Table.values()) {
            int position = 0;
            for (Column column : table.columns()) {
                position++;
                assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = '"
                                + table.sqlName() + "' AND column_name = '" + column.name()
                                + "' AND ordinal_position = " + position + " AND data_type = '"
                                + column.type().sql() + "'"))
                        .as(table.sqlName() + "." + column.name())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void keysAreUniqueAndForeignKeysResolve() {
        for (Table table : Table.values()) {
            assertThat(count("SELECT count(*) - count(DISTINCT " + table.key() + ") FROM " + table.sqlName()))
                    .as(table.sqlName())
                    .isZero();
            // Unique and within 1..count: ids are exactly 1, 2, ..., n.
            assertThat(count("SELECT count(*) FROM " + table.sqlName() + " WHERE " + table.key()
                            + " NOT BETWEEN 1 AND (SELECT count(*) FROM " + table.sqlName() + ")"))
                    .as(table.sqlName())
                    .isZero();
        }
        assertThat(
                        count(
                                "SELECT count(*) FROM products p ANTI JOIN distribution_centers d ON p.distribution_center_id = d.id"))
                .isZero();
        assertThat(count("SELECT count(*) FROM orders o ANTI JOIN users u ON o.user_id = u.id"))
                .isZero();
        assertThat(count("SELECT count(*) FROM order_items i ANTI JOIN orders o ON i.order_id = o.order_id"))
                .isZero();
        assertThat(count("SELECT count(*) FROM order_items i ANTI JOIN users u ON i.user_id = u.id"))
                .isZero();
        assertThat(count("SELECT count(*) FROM order_items i ANTI JOIN products p ON i.product_id = p.id"))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM order_items i ANTI JOIN inventory_items v ON i.inventory_item_id = v.id"))
                .isZero();
        assertThat(count("SELECT count(*) FROM inventory_items v ANTI JOIN products p ON v.product_id = p.id"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM events e ANTI JOIN users u ON e.user_id = u.id WHERE e.user_id IS NOT NULL"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM events WHERE uri LIKE '/product/%' AND CAST(substr(uri, 10) AS BIGINT) NOT IN (SELECT id FROM products)"))
                .isZero();
    }

    @Test
    void ordersAndItemsAgree() {
        assertThat(
                        count(
                                "SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, count(*) n FROM order_items GROUP BY 1) i USING (order_id) WHERE o.num_of_item IS DISTINCT FROM i.n"))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM order_items i JOIN orders o USING (order_id) WHERE i.status <> o.status OR i.user_id <> o.user_id"
                                + " OR i.shipped_at IS DISTINCT FROM o.shipped_at OR i.delivered_at IS DISTINCT FROM o.delivered_at"
                                + " OR i.returned_at IS DISTINCT FROM o.returned_at"))
                .isZero();
        assertThat(count("SELECT count(*) FROM orders o JOIN users u ON o.user_id = u.id WHERE o.gender <> u.gender"))
                .isZero();
        assertThat(count(
                        "SELECT count(*) FROM order_items i JOIN orders o USING (order_id) JOIN products p ON i.product_id = p.id"
                                + " WHERE p.department <> CASE o.gender WHEN 'M' THEN 'Men' ELSE 'Women' END"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM order_items i JOIN products p ON i.product_id = p.id WHERE i.sale_price <> p.retail_price"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM inventory_items v JOIN products p ON v.product_id = p.id WHERE v.cost <> p.cost"
                                        + " OR v.product_category <> p.category OR v.product_name <> p.name OR v.product_brand <> p.brand"
                                        + " OR v.product_retail_price <> p.retail_price OR v.product_department <> p.department"
                                        + " OR v.product_sku <> p.sku OR v.product_distribution_center_id <> p.distribution_center_id"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM order_items i JOIN inventory_items v ON i.inventory_item_id = v.id"
                                        + " WHERE v.sold_at IS DISTINCT FROM i.created_at OR v.product_id <> i.product_id OR v.created_at > v.sold_at"))
                .isZero();
        assertThat(count("SELECT count(*) FROM inventory_items WHERE sold_at IS NULL")
                        / (double) count("SELECT count(*) FROM order_items"))
                .isCloseTo(1.7, within(0.05));
    }

    @Test
    void fulfilmentTimestampsFollowTheStatus() {
        assertThat(count("SELECT count(*) FROM orders WHERE NOT CASE status"
                        + " WHEN 'Returned' THEN shipped_at IS NOT NULL AND delivered_at IS NOT NULL AND returned_at IS NOT NULL"
                        + " WHEN 'Complete' THEN shipped_at IS NOT NULL AND delivered_at IS NOT NULL AND returned_at IS NULL"
                        + " WHEN 'Shipped' THEN shipped_at IS NOT NULL AND delivered_at IS NULL AND returned_at IS NULL"
                        + " ELSE shipped_at IS NULL AND delivered_at IS NULL AND returned_at IS NULL END"))
                .isZero();
        assertThat(count("SELECT count(*) FROM orders WHERE shipped_at < created_at OR delivered_at < shipped_at"
                        + " OR returned_at < delivered_at OR shipped_at - created_at >= INTERVAL 3 DAY"
                        + " OR delivered_at - shipped_at >= INTERVAL 5 DAY OR returned_at - delivered_at >= INTERVAL 3 DAY"
                        + " OR second(shipped_at) <> second(created_at)"))
                .isZero();
        // The dataset is a shop's database on its date: no fulfilment lies after it (orders bound to be delivered
        // later are still Shipped or Processing), though the real dataset draws fulfilment past its date.
        assertThat(count("SELECT count(*) FROM orders WHERE greatest(shipped_at, delivered_at, returned_at)"
                        + " >= TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM order_items WHERE greatest(shipped_at, delivered_at, returned_at)"
                        + " >= TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM inventory_items WHERE sold_at >= TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isZero();
    }

    @Test
    void valueDomainsAndWeights() {
        assertThat(count("SELECT count(*) FROM users WHERE age NOT BETWEEN 12 AND 70"))
                .isZero();
        assertThat(count("SELECT count(DISTINCT age) FROM users")).isEqualTo(59);
        assertThat(count("SELECT count(*) FROM users WHERE gender NOT IN ('M', 'F')"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM users WHERE traffic_source NOT IN ('Search','Organic','Facebook','Email','Display')"))
                .isZero();
        assertThat(share("users", "traffic_source = 'Search'")).isCloseTo(0.70, within(0.02));
        assertThat(share("orders", "status = 'Shipped'")).isCloseTo(0.30, within(0.02));
        assertThat(share("orders", "status = 'Returned'")).isCloseTo(0.10, within(0.015));
        assertThat(share("events", "browser = 'Chrome'")).isCloseTo(0.50, within(0.02));
        assertThat(share("events", "traffic_source = 'Email'")).isCloseTo(0.45, within(0.02));
        assertThat(
                        count(
                                "SELECT count(*) FROM events WHERE event_type NOT IN ('home','department','product','cart','purchase','cancel')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM events WHERE browser NOT IN ('Chrome','Safari','Firefox','IE','Other')"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM events WHERE NOT regexp_full_match(uri,"
                                        + " '/(home|cart|purchase|cancel|product/[0-9]+|department/(men|women)/category/[^/ A-Z]+/brand/[^/ A-Z]+)')"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM events WHERE NOT regexp_full_match(session_id, '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}')"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM events WHERE NOT regexp_full_match(ip_address, '([0-9]{1,3}\\.){3}[0-9]{1,3}')"))
                .isZero();
        assertThat(count("SELECT count(*) FROM products WHERE NOT regexp_full_match(sku, '[0-9A-F]{32}')"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM products WHERE retail_price < 1.5 OR retail_price > 999 OR cost / retail_price NOT BETWEEN 0.379 AND 0.621"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM users WHERE user_geom <> 'POINT(' || longitude || ' ' || latitude || ')'"))
                .isZero();
        assertThat(count("SELECT count(DISTINCT country) FROM users")).isBetween(11L, 16L);
        assertThat(share("users", "country = 'China'")).isCloseTo(0.34, within(0.03));
    }

    @Test
    void productCatalogueMatchesTheRealCountsPerDepartmentAndCategory() {
        assertThat(count("SELECT count(DISTINCT (department, category)) FROM products"))
                .isEqualTo(36);
        assertThat(count("SELECT count(DISTINCT category) FROM products")).isEqualTo(26);
        assertThat(count("SELECT count(*) FROM products WHERE department = 'Women' AND category = 'Intimates'"))
                .isEqualTo(2363);
        assertThat(count("SELECT count(*) FROM products WHERE department = 'Men' AND category = 'Jeans'"))
                .isEqualTo(1117);
        assertThat(count("SELECT count(*) FROM products WHERE department = 'Women' AND category = 'Clothing Sets'"))
                .isEqualTo(37);
    }

    @Test
    void theRealDatasetsQuirksArePresent() {
        // Emails are not unique (about 16% duplicates at full scale; fewer users give fewer).
        assertThat(count("SELECT count(*) - count(DISTINCT email) FROM users")).isPositive();
        assertThat(
                        count(
                                "SELECT count(*) FROM users WHERE email <> lower(first_name || last_name) || substr(email, strpos(email, '@'))"))
                .isZero();
        // Anonymous sessions carry no user.
        assertThat(share("events", "user_id IS NULL")).isCloseTo(11.25 / 24.25, within(0.02));
        // Recent signups: 2.5% within the last 7 days.
        assertThat(share("users", "created_at >= TIMESTAMPTZ '2025-12-25 00:00:00+00'"))
                .isCloseTo(0.025 + 0.975 * 7 / 2557.0, within(0.008));
        assertThat(
                        count(
                                "SELECT count(*) FROM users WHERE created_at < TIMESTAMPTZ '2025-12-25 00:00:00+00' AND hour(created_at) > 18"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM users WHERE created_at < TIMESTAMPTZ '2019-01-01 00:00:00+00' OR created_at >= TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM orders o JOIN users u ON o.user_id = u.id WHERE o.created_at < u.created_at"))
                .isZero();
    }

    @Test
    void purchaseSessionsFollowTheGeneratorsShape() {
        // One purchase session per item; each ends with a purchase at the order's time.
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'purchase'"))
                .isEqualTo(warehouse.rowCount(Table.ORDER_ITEMS));
        assertThat(
                        count(
                                "SELECT count(*) FROM (SELECT session_id, count(*) n, max(sequence_number) m FROM events GROUP BY 1) WHERE n <> m"))
                .isZero();
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'home' AND user_id IS NOT NULL"))
                .isEqualTo(count(
                        "SELECT count(*) FROM order_items i JOIN orders o USING (order_id) WHERE o.num_of_item = 1"));
    }

    private double share(String table, String predicate) {
        return count("SELECT count(*) FROM " + table + " WHERE " + predicate)
                / (double) count("SELECT count(*) FROM " + table);
    }

    @Test
    void sameSeedGivesTheSameDataWhateverTheThreadCount() {
        Map<Table, String> one = digest(Fixtures.generator(7, 0.03, 1));
        Map<Table, String> three = digest(Fixtures.generator(7, 0.03, 3));
        assertThat(three).isEqualTo(one);
        Map<Table, String> otherSeed = digest(Fixtures.generator(8, 0.03, 2));
        for (Table table : Table.values()) {
            if (table != Table.DISTRIBUTION_CENTERS) {
                assertThat(otherSeed.get(table)).as(table.sqlName()).isNotEqualTo(one.get(table));
            }
        }
    }

    @Test
    void aSubsetOfTablesHasTheSameRowsAsAFullRun() {
        Map<Table, String> full = digest(Fixtures.generator(7, 0.03, 2));
        Map<Table, String> orders = digest(Fixtures.generator(7, 0.03, 2), EnumSet.of(Table.ORDERS));
        assertThat(orders).containsOnlyKeys(Table.ORDERS).containsEntry(Table.ORDERS, full.get(Table.ORDERS));
    }

    /** Each table is declared ended once, after its last batch: products early, events (anonymous sessions) last. */
    @Test
    void everyTableEndsOnceAfterItsLastBatch() {
        java.util.List<String> trace = new java.util.ArrayList<>();
        java.util.Set<Table> ended = EnumSet.noneOf(Table.class);
        new ThelookGenerator(Fixtures.generator(7, 0.01, 2))
                .generate(
                        EnumSet.of(Table.PRODUCTS, Table.USERS, Table.EVENTS),
                        batch -> {
                            assertThat(ended)
                                    .as("a batch after its table ended")
                                    .doesNotContain(batch.table());
                            trace.add("batch " + batch.table());
                        },
                        table -> {
                            assertThat(ended.add(table))
                                    .as("ended twice: " + table)
                                    .isTrue();
                            trace.add("end " + table);
                        });
        assertThat(ended).containsExactlyInAnyOrder(Table.PRODUCTS, Table.USERS, Table.EVENTS);
        assertThat(trace.indexOf("end PRODUCTS")).isLessThan(trace.indexOf("batch USERS"));
        assertThat(trace.indexOf("end USERS")).isLessThan(trace.lastIndexOf("batch EVENTS"));
        assertThat(trace.get(trace.size() - 1)).isEqualTo("end EVENTS");
    }

    private static Map<Table, String> digest(GeneratorSpec spec) {
        return digest(spec, EnumSet.allOf(Table.class));
    }

    /** A SHA-256 per table over every cell, in row order. */
    private static Map<Table, String> digest(GeneratorSpec spec, EnumSet<Table> tables) {
        Map<Table, MessageDigest> digests = new EnumMap<>(Table.class);
        new ThelookGenerator(spec)
                .generate(tables, batch -> update(digests.computeIfAbsent(batch.table(), t -> sha256()), batch));
        Map<Table, String> result = new EnumMap<>(Table.class);
        digests.forEach((table, d) -> result.put(table, HexFormat.of().formatHex(d.digest())));
        return result;
    }

    private static void update(MessageDigest digest, TableBatch batch) {
        int columns = batch.table().columns().size();
        StringBuilder row = new StringBuilder();
        for (int r = 0; r < batch.size(); r++) {
            row.setLength(0);
            for (int c = 0; c < columns; c++) {
                if (batch.isNull(c, r)) {
                    row.append("\\N");
                } else {
                    switch (batch.table().columns().get(c).type()) {
                        case BIGINT, TIMESTAMPTZ -> row.append(batch.getLong(c, r));
                        case DOUBLE -> row.append(batch.getDouble(c, r));
                        case VARCHAR -> row.append(batch.getString(c, r));
                    }
                }
                row.append('|');
            }
            digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
