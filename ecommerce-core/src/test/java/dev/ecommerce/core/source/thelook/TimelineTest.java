package dev.ecommerce.core.source.thelook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's timeline: one world per seed and scale, seen as of a date. A later date only adds the rows
 * created since and moves open orders forward (their items and the inventory they sold with them); nothing
 * else created before the earlier date changes.
 */
class TimelineTest {

    private static final LocalDate DEFAULT = GeneratorSpec.DEFAULT_ANCHOR;

    @TempDir
    static Path dir;

    private static Connection db;

    @BeforeAll
    static void generate() throws Exception {
        for (LocalDate date : List.of(DEFAULT.minusDays(40), DEFAULT, DEFAULT.plusDays(1), DEFAULT.plusDays(20))) {
            Pipeline.ingest(
                    new IngestSpec(
                            dir.resolve(date.toString()),
                            dir.resolve(date + ".duckdb"),
                            List.of(Table.values()),
                            new GeneratorSpec(11, 0.02, date, 2)),
                    ProgressListener.NONE);
        }
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = db.createStatement()) {
            for (LocalDate date : List.of(DEFAULT.minusDays(40), DEFAULT, DEFAULT.plusDays(1), DEFAULT.plusDays(20))) {
                statement.execute("ATTACH '" + dir.resolve(date + ".duckdb") + "' AS " + alias(date) + " (READ_ONLY)");
            }
        }
    }

    private static String alias(LocalDate date) {
        return "d" + date.toString().replace("-", "");
    }

    private static long count(String sql) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of {@code later} created before {@code earlier}'s date, with {@code columns}, minus {@code earlier}'s. */
    private static long changed(LocalDate earlier, LocalDate later, String table, String columns) throws Exception {
        String before = "TIMESTAMPTZ '" + earlier + " 00:00:00+00'";
        return count("SELECT count(*) FROM ((SELECT " + columns + " FROM " + alias(later) + "." + table
                        + " WHERE created_at < " + before + ") EXCEPT ALL (SELECT " + columns + " FROM "
                        + alias(earlier)
                        + "." + table + ")) t")
                + count("SELECT count(*) FROM ((SELECT " + columns + " FROM " + alias(earlier) + "." + table
                        + ") EXCEPT ALL (SELECT " + columns + " FROM " + alias(later) + "." + table
                        + " WHERE created_at < " + before + ")) t");
    }

    @Test
    void aLaterDateKeepsEveryEarlierRowAndItsValuesButFulfilment() throws Exception {
        List<LocalDate> dates = List.of(DEFAULT.minusDays(40), DEFAULT, DEFAULT.plusDays(1), DEFAULT.plusDays(20));
        for (int i = 0; i + 1 < dates.size(); i++) {
            LocalDate earlier = dates.get(i);
            LocalDate later = dates.get(i + 1);
            for (Table table : Table.values()) {
                String columns = switch (table) {
                    case ORDERS -> "order_id, user_id, gender, created_at, num_of_item";
                    case ORDER_ITEMS -> "id, order_id, user_id, product_id, inventory_item_id, created_at, sale_price";
                    case INVENTORY_ITEMS -> "id, product_id, created_at, cost, product_sku";
                    case DISTRIBUTION_CENTERS, PRODUCTS -> "*";
                    default -> "* EXCLUDE (created_at), created_at";
                };
                if (table == Table.DISTRIBUTION_CENTERS || table == Table.PRODUCTS) {
                    assertThat(count("SELECT count(*) FROM ((SELECT * FROM " + alias(later) + "." + table.sqlName()
                                    + ") EXCEPT ALL (SELECT * FROM " + alias(earlier) + "." + table.sqlName()
                                    + ")) t"))
                            .as("%s from %s to %s", table, earlier, later)
                            .isZero();
                    continue;
                }
                assertThat(changed(earlier, later, table.sqlName(), columns))
                        .as("%s rows created before %s, from %s to %s", table, earlier, earlier, later)
                        .isZero();
                assertThat(count("SELECT count(*) FROM " + alias(later) + "." + table.sqlName()
                                + " WHERE created_at >= " + "TIMESTAMPTZ '" + later + " 00:00:00+00'"))
                        .as("%s rows on or after %s", table, later)
                        .isZero();
            }
        }
    }

    @Test
    void openOrdersMoveForwardAndClosedOnesNeverChange() throws Exception {
        String earlier = alias(DEFAULT);
        String later = alias(DEFAULT.plusDays(20));
        String join = " FROM " + earlier + ".orders a JOIN " + later + ".orders b USING (order_id)";
        // Orders that were Returned or Cancelled keep every column (a Complete one may still be returned).
        assertThat(count("SELECT count(*)" + join + " WHERE a.status IN ('Returned', 'Cancelled') AND"
                        + " (a.status, a.shipped_at, a.delivered_at, a.returned_at) IS DISTINCT FROM"
                        + " (b.status, b.shipped_at, b.delivered_at, b.returned_at)"))
                .isZero();
        // Some open orders moved on: shipped, delivered or returned since.
        long moved = count("SELECT count(*)" + join + " WHERE a.status <> b.status");
        assertThat(moved).isPositive();
        // ... only forward, keeping what had happened.
        assertThat(count("SELECT count(*)" + join + " WHERE a.status <> b.status AND NOT ("
                        + " (a.status = 'Processing' AND b.status IN ('Shipped', 'Complete', 'Returned'))"
                        + " OR (a.status = 'Shipped' AND b.status IN ('Complete', 'Returned'))"
                        + " OR (a.status = 'Complete' AND b.status = 'Returned'))"
                        + " OR (a.shipped_at IS NOT NULL AND a.shipped_at IS DISTINCT FROM b.shipped_at)"
                        + " OR (a.delivered_at IS NOT NULL AND a.delivered_at IS DISTINCT FROM b.delivered_at)"))
                .isZero();
        // Items follow their order; the inventory an item sold is sold from the item's time on.
        assertThat(count("SELECT count(*) FROM " + later + ".orders o JOIN " + later + ".order_items i USING"
                        + " (order_id) WHERE (o.status, o.shipped_at, o.delivered_at, o.returned_at) IS DISTINCT FROM"
                        + " (i.status, i.shipped_at, i.delivered_at, i.returned_at)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM " + later + ".order_items i JOIN " + later + ".inventory_items v"
                        + " ON i.inventory_item_id = v.id WHERE v.sold_at IS DISTINCT FROM i.created_at"))
                .isZero();
    }

    @Test
    void theWorldKeepsGrowingAfterItsAnchorAtTheBaseRate() throws Exception {
        long atAnchor = count("SELECT count(*) FROM " + alias(DEFAULT) + ".users");
        long twentyDaysLater = count("SELECT count(*) FROM " + alias(DEFAULT.plusDays(20)) + ".users");
        double perDay = 0.975
                * atAnchor
                / (DEFAULT.toEpochDay() - LocalDate.of(2019, 1, 1).toEpochDay());
        assertThat(atAnchor).isEqualTo(2_000);
        assertThat(twentyDaysLater - atAnchor).isBetween(Math.round(20 * perDay) - 1, Math.round(20 * perDay) + 1);
        assertThat(count("SELECT count(*) FROM " + alias(DEFAULT.plusDays(20)) + ".orders WHERE created_at >="
                        + " TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM " + alias(DEFAULT.plusDays(20)) + ".events WHERE user_id IS NULL AND"
                        + " created_at >= TIMESTAMPTZ '2026-01-01 00:00:00+00'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM " + alias(DEFAULT.minusDays(40)) + ".users"))
                .isLessThan(atAnchor);
    }
}
