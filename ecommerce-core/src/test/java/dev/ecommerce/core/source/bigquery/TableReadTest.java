package dev.ecommerce.core.source.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query builder: projections, windows, filters, quoting, and what it refuses. */
class TableReadTest {

    static BigQuerySpec spec(List<String> columns, String start, String end, String filters) {
        return new BigQueryParameters()
                .gcpProject("billing-project")
                .columns(columns)
                .filters(filters)
                .timeoutSeconds(60)
                .window(start, end)
                .toSpec(Settings.none());
    }

    @Test
    void wholeTablesAreReadDirectlyWithEveryColumnAndGeographyAsWkt() {
        TableRead read = TableRead.plan(spec(null, null, null, null), Table.USERS);
        assertThat(read.direct()).isTrue();
        assertThat(read.rowRestriction()).isEmpty();
        assertThat(read.columns()).hasSize(16).startsWith("id", "first_name").endsWith("user_geom");
        assertThat(read.query())
                .startsWith("SELECT `id`, `first_name`, ")
                .contains("ST_ASTEXT(`user_geom`) AS `user_geom`")
                .endsWith(" FROM `bigquery-public-data.thelook_ecommerce.users`");
        assertThat(read.tablePath(spec(null, null, null, null)))
                .isEqualTo("projects/bigquery-public-data/datasets/thelook_ecommerce/tables/users");
    }

    @Test
    void aTimeWindowBecomesAWhereClauseAndARowRestriction() {
        TableRead read = TableRead.plan(
                spec(List.of("orders.order_id", "orders.status"), "2024-01-01", "2024-02-01", null), Table.ORDERS);
        assertThat(read.columns()).containsExactly("order_id", "status");
        assertThat(read.query())
                .isEqualTo("SELECT `order_id`, `status` FROM `bigquery-public-data.thelook_ecommerce.orders`"
                        + " WHERE `created_at` >= TIMESTAMP '2024-01-01 00:00:00.000000+00'"
                        + " AND `created_at` < TIMESTAMP '2024-02-01 00:00:00.000000+00'");
        assertThat(read.rowRestriction())
                .isEqualTo("created_at >= TIMESTAMP '2024-01-01 00:00:00.000000+00'"
                        + " AND created_at < TIMESTAMP '2024-02-01 00:00:00.000000+00'");
        assertThat(read.direct()).isTrue();
        // Tables without created_at are read whole.
        TableRead products = TableRead.plan(spec(null, "2024-01-01", null, null), Table.PRODUCTS);
        assertThat(products.query()).doesNotContain("WHERE");
        assertThat(products.rowRestriction()).isEmpty();
    }

    @Test
    void aFilterIsCheckedQuotedAndReadThroughTheQuery() {
        TableRead read = TableRead.plan(
                spec(
                        null,
                        null,
                        "2024-06-01T12:00:00Z",
                        "orders: status IN ('Complete', 'Shipped') AND num_of_item >= 2"),
                Table.ORDERS);
        assertThat(read.direct()).isFalse();
        assertThat(read.query())
                .endsWith(" WHERE `created_at` < TIMESTAMP '2024-06-01 12:00:00.000000+00'"
                        + " AND (`status` IN ( 'Complete' , 'Shipped' ) AND `num_of_item` >= 2)");
        assertThat(TableRead.plan(spec(null, null, null, "orders: status = 'it''s'"), Table.ORDERS)
                        .query())
                .endsWith("WHERE (`status` = 'it\\'s')");
    }

    @Test
    void filtersThatAreNotPlainPredicatesAreRefused() {
        for (String bad : List.of(
                "orders: status = 'x'; DROP TABLE users",
                "orders: secret_column = 1",
                "orders: LOWER(status) = 'x'",
                "orders: status = 'x' -- comment",
                "orders: `status` = 'x'",
                "orders: status = \"x\"",
                "orders: (status = 'x'",
                "orders: status = 'unterminated")) {
            assertThatThrownBy(() -> TableRead.plan(spec(null, null, null, bad), Table.ORDERS))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(Setting.FILTERS.ref());
        }
        assertThatThrownBy(() -> TableRead.plan(spec(null, null, null, "orders: secret_column = 1"), Table.ORDERS))
                .hasMessageStartingWith("The filter for orders in " + Setting.FILTERS.ref()
                        + " is not accepted: 'secret_column' is neither"
                        + " a column of orders nor an allowed keyword.");
    }

    @Test
    void badNamesAndSettingsAreRefusedWithTheSettingToChange() {
        assertThatThrownBy(() -> spec(List.of("orders.nope"), null, null, null))
                .hasMessageContaining("Unknown column orders.nope")
                .hasMessageContaining("Valid columns: order_id, user_id");
        assertThatThrownBy(() -> spec(List.of("ordrs.status"), null, null, null))
                .hasMessageContaining("Unknown table");
        assertThatThrownBy(() -> spec(List.of("status"), null, null, null)).hasMessageContaining("table.column");
        assertThatThrownBy(() -> spec(null, "2024-02-01", "2024-01-01", null)).hasMessageContaining("must be before");
        assertThatThrownBy(() -> spec(null, "yesterday", null, null)).hasMessageContaining(Setting.START_DATE.ref());
        assertThatThrownBy(() -> spec(null, null, null, "orders status = 1"))
                .hasMessageContaining("'table: predicate'");
        assertThatThrownBy(() -> spec(null, null, null, "orders: a = 1; orders: b = 2"))
                .hasMessageContaining("two filters");
        assertThatThrownBy(() -> new BigQueryParameters().timeoutSeconds(60).toSpec(Settings.none()))
                .hasMessageContaining("GCP_PROJECT");
        assertThatThrownBy(() -> new BigQueryParameters()
                        .gcpProject("p-1234")
                        .dataset("no-dot")
                        .timeoutSeconds(60)
                        .toSpec(Settings.none()))
                .hasMessageContaining("project.dataset");
        assertThatThrownBy(() -> GoogleSql.column("a`b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoogleSql.table("p-1234", "d", "t; x")).isInstanceOf(IllegalArgumentException.class);
    }
}
