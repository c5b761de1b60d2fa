package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-table increment declarations: thelook's defaults, what a pom may declare, and what it may not. */
class IncrementsTest {

    private static final Path WORK = Path.of("target/x");

    private static IngestSpec spec(String increments, Duration lookback) {
        return new IngestSpec(
                WORK,
                WORK.resolve("w.duckdb"),
                List.of(Table.values()),
                new GeneratorSpec(1, 0.001, GeneratorSpec.DEFAULT_ANCHOR, 1),
                null,
                LoadMode.INCREMENTAL,
                lookback,
                Increments.parse(increments),
                null);
    }

    @Test
    void thelooksDefaultsAreCreatedAtThePrimaryKeyAndEachTablesBound() {
        IngestSpec spec = spec(null, null);

        assertThat(spec.increment(Table.ORDERS))
                .isEqualTo(new Increment("created_at", "created_at", "order_id", Duration.ofDays(11)));
        assertThat(spec.increment(Table.INVENTORY_ITEMS).lookback()).isEqualTo(Duration.ofDays(60));
        assertThat(spec.increment(Table.EVENTS).lookback()).isZero();
        assertThat(spec.increment(Table.PRODUCTS))
                .as("reference data: always whole")
                .isNull();
        assertThat(spec(null, Duration.ofDays(3)).increment(Table.ORDERS).lookback())
                .as("one lookback for all")
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void aDeclarationOverridesOnlyWhatItNames() {
        Map<Table, Increment> parsed =
                Increments.parse("inventory_items: lookbackDays=90; orders: cursor=shipped_at, key=order_id");

        assertThat(parsed.get(Table.INVENTORY_ITEMS))
                .isEqualTo(new Increment("created_at", "created_at", "id", Duration.ofDays(90)));
        assertThat(parsed.get(Table.ORDERS))
                .isEqualTo(new Increment("shipped_at", "created_at", "order_id", Duration.ofDays(11)));
        assertThat(spec("ORDERS: window=delivered_at", null)
                        .increment(Table.ORDERS)
                        .windowColumn())
                .isEqualTo("delivered_at");
        assertThat(Increments.parse("  ")).isEmpty();
    }

    @Test
    void badDeclarationsNameTheSettingAndWhatToWrite() {
        assertThatThrownBy(() -> Increments.parse("orders: cursor=status"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("{{INCREMENTS}}: orders.status is not a timestamp column of orders; use one of"
                        + " [created_at, returned_at, shipped_at, delivered_at].");
        assertThatThrownBy(() -> Increments.parse("orders: key=nope"))
                .hasMessage("{{INCREMENTS}}: orders has no column nope to use as its key.");
        assertThatThrownBy(() -> Increments.parse("orders: lookback=3"))
                .hasMessageStartingWith("{{INCREMENTS}}: unknown key 'lookback' (valid: [cursor, window, key,"
                        + " lookbackDays]). Write it as 'table: cursor=column, window=column, key=column,"
                        + " lookbackDays=N; table: ...'.");
        assertThatThrownBy(() -> Increments.parse("orders lookbackDays=3"))
                .hasMessageContaining("'orders lookbackDays=3' has no 'table:'");
        assertThatThrownBy(() -> Increments.parse("order: lookbackDays=3"))
                .hasMessageContaining("Unknown table [order] in {{INCREMENTS}}");
        assertThatThrownBy(() -> Increments.parse("orders: lookbackDays=-1"))
                .hasMessageContaining("the lookback of orders must be 0 or more");
        assertThatThrownBy(() -> Increments.parse("orders: lookbackDays=two"))
                .hasMessageContaining("lookbackDays must be a whole number of days, not 'two'");
        assertThatThrownBy(() -> Increments.parse("products: cursor=created_at"))
                .as("reference data has no timestamp column")
                .hasMessage("{{INCREMENTS}}: products has no timestamp column to load it a part at a time; it is always"
                        + " loaded whole.");
    }
}
