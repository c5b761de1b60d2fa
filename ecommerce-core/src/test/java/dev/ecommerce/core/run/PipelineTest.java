package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {

    /**
     * Rows per table of seed 42 at scale 0.01 (any thread count), in table order: the generator's known output, so a
     * run that loses, repeats or miscounts rows fails. A change to what the generator makes shows here too.
     */
    private static final Map<Table, Long> ROWS = new EnumMap<>(Map.of(
            Table.DISTRIBUTION_CENTERS, 10L,
            Table.PRODUCTS, 29_120L,
            Table.USERS, 1_000L,
            Table.ORDERS, 1_246L,
            Table.ORDER_ITEMS, 1_778L,
            Table.INVENTORY_ITEMS, 4_834L,
            Table.EVENTS, 23_769L));

    @TempDir
    Path dir;

    private Pipeline.IngestResult ingest(Path work, List<Table> tables, int threads) {
        return Pipeline.ingest(
                new IngestSpec(work, work.resolve("warehouse.duckdb"), tables, Fixtures.generator(42, 0.01, threads)),
                ProgressListener.NONE);
    }

    private Pipeline.SinkResult sink(Path work, List<Table> tables) {
        return Pipeline.sink(
                new SinkSpec(
                        work,
                        work.resolve("warehouse.duckdb"),
                        tables,
                        List.of(new LocalDestinationSpec(
                                work.resolve("out"), Set.of(FileFormat.CSV, FileFormat.PARQUET)))),
                ProgressListener.NONE);
    }

    @Test
    void ingestThenSinkWritesFilesAndAManifest() throws IOException, SQLException {
        Path work = dir.resolve("a");
        Pipeline.IngestResult ingest = ingest(work, List.of(Table.values()), 2);
        assertThat(ingest.tables()).extracting(TableSummary::table).containsExactly(Table.values());
        assertThat(ingest.tables()).extracting(TableSummary::rows).containsExactlyElementsOf(ROWS.values());
        Pipeline.SinkResult sink = sink(work, List.of(Table.USERS, Table.ORDERS));

        assertThat(sink.tables())
                .extracting(TableSummary::table, TableSummary::rows)
                .containsExactly(
                        tuple(Table.USERS, ROWS.get(Table.USERS)), tuple(Table.ORDERS, ROWS.get(Table.ORDERS)));
        assertThat(sink.files()).hasSize(4);
        List<String> csv = Files.readAllLines(work.resolve("out/users.csv"));
        assertThat(csv).hasSize(1 + ROWS.get(Table.USERS).intValue());
        assertThat(csv.get(0))
                .isEqualTo("id,first_name,last_name,email,age,gender,state,street_address,postal_code,"
                        + "city,country,latitude,longitude,traffic_source,created_at,user_geom");
        assertThat(Files.readAllLines(work.resolve("out/orders.csv")))
                .hasSize(1 + ROWS.get(Table.ORDERS).intValue());
        // The Parquet file read back by DuckDB: its orders, and their items, which the order_items count must match.
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), sum(num_of_item) FROM read_parquet('"
                        + work.resolve("out/orders.parquet") + "')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(ROWS.get(Table.ORDERS));
            assertThat(rows.getLong(2)).isEqualTo(ROWS.get(Table.ORDER_ITEMS));
        }
        assertThat(work.resolve("out/events.csv")).doesNotExist();

        RunManifest manifest = RunManifest.read(work).orElseThrow();
        assertThat(manifest.runId()).isEqualTo(ingest.runId()).isEqualTo(sink.runId());
        assertThat(manifest.ingest().source())
                .containsEntry("kind", "generated")
                .containsEntry("seed", 42)
                .containsEntry("users", 1000);
        assertThat(manifest.ingest().tables())
                .extracting(RunManifest.TableEntry::table)
                .containsExactlyElementsOf(
                        ROWS.keySet().stream().map(Table::sqlName).toList());
        assertThat(manifest.ingest().tables())
                .extracting(RunManifest.TableEntry::rows)
                .containsExactlyElementsOf(ROWS.values());
        assertThat(manifest.ingest().warehouse()).isEqualTo("warehouse.duckdb");
        assertThat(manifest.sink().destinations())
                .containsExactly(new RunManifest.DestinationEntry("local", "succeeded", null));
        RunManifest.FileEntry usersCsv = manifest.sink().files().get(0);
        assertThat(usersCsv.location()).isEqualTo("out/users.csv");
        assertThat(usersCsv.bytes()).isEqualTo(Files.size(work.resolve("out/users.csv")));
        assertThat(usersCsv.sha256())
                .isEqualTo(dev.ecommerce.core.io.AtomicFiles.sha256(work.resolve("out/users.csv")));
        // A table's seconds are its files' own seconds: no destination start-up or publishing is charged to it.
        for (TableSummary table : sink.tables()) {
            double own = sink.files().stream()
                    .filter(f -> f.table() == table.table())
                    .mapToDouble(dev.ecommerce.core.sink.OutputFile::seconds)
                    .sum();
            assertThat(table.seconds())
                    .as(table.table().sqlName())
                    .isEqualTo(own)
                    .isPositive();
        }
        assertThat(sink.tables().stream().mapToDouble(TableSummary::seconds).sum())
                .isLessThanOrEqualTo(sink.seconds());
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        ingest(one, List.of(Table.values()), 1);
        ingest(three, List.of(Table.values()), 3);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        sink(one, List.of(Table.values()))
                .files()
                .forEach(f -> first.add(f.table() + "." + f.format() + "=" + f.sha256()));
        sink(three, List.of(Table.values()))
                .files()
                .forEach(f -> second.add(f.table() + "." + f.format() + "=" + f.sha256()));
        assertThat(first).hasSize(14).isEqualTo(second);
    }

    @Test
    void reRunningReplacesInsteadOfDuplicating() {
        Path work = dir.resolve("a");
        ingest(work, List.of(Table.USERS), 2);
        ingest(work, List.of(Table.USERS), 2);
        assertThat(sink(work, List.of(Table.USERS)).tables().get(0).rows()).isEqualTo(1_000);
    }

    @Test
    void sinkingATableThatWasNotIngestedFailsAndWritesNothing() {
        Path work = dir.resolve("a");
        ingest(work, List.of(Table.USERS), 2);
        assertThatThrownBy(() -> sink(work, List.of(Table.USERS, Table.EVENTS)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("has no table events")
                .hasMessageContaining(Setting.TABLES.ref());
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void sinkWithoutIngestSaysToRunIngest() {
        assertThatThrownBy(() -> sink(dir.resolve("empty"), List.of(Table.USERS)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("run the ingest goal first");
        assertThat(dir.resolve("empty")).doesNotExist();
    }

    @Test
    void summaryTableHasOneLinePerTableAndATotal() {
        List<String> lines = SummaryTable.render(List.of(new TableSummary(Table.USERS, 1_000, 0.5, 2, 12_345)), 0.5);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("table").contains("rows/s").endsWith("bytes");
        assertThat(lines.get(1))
                .startsWith("users")
                .contains("1,000")
                .contains("0.50")
                .contains("2,000")
                .endsWith("12,345");
        assertThat(lines.get(2)).startsWith("total");
    }

    @Test
    void bigQueryFiltersAndColumnsForTablesNotReadAreNamedInAWarning() {
        BigQuerySpec bigQuery = new BigQueryParameters()
                .gcpProject("p-1234")
                .filters("orders: status = 'Complete'; users: age > 30")
                .columns(List.of("events.id"))
                .endpoints("http://127.0.0.1:1", "127.0.0.1:1")
                .maxAttempts(1)
                .timeoutSeconds(1)
                .toSpec(Settings.none());
        List<ProgressEvent> events = new ArrayList<>();
        Path work = dir.resolve("bq");
        // Nothing listens on port 1: the run fails after the warnings, which come before any call.
        assertThatThrownBy(() -> Pipeline.ingest(
                        new IngestSpec(work, work.resolve("warehouse.duckdb"), List.of(Table.ORDERS), bigQuery),
                        events::add))
                .isInstanceOf(EcommerceException.class);
        assertThat(events)
                .filteredOn(ProgressEvent.Warning.class::isInstance)
                .extracting(e -> ((ProgressEvent.Warning) e).message())
                .containsExactly(
                        Setting.FILTERS.ref() + " names users, which this run does not read (tables: orders),"
                                + " so it is ignored: add the table to " + Setting.TABLES.ref() + " (or TABLE_NAMES) or"
                                + " remove it.",
                        Setting.COLUMNS.ref() + " names events, which this run does not read (tables:"
                                + " orders), so it is ignored: add the table to " + Setting.TABLES.ref()
                                + " (or TABLE_NAMES) or remove it.");
    }

    @Test
    void summaryTableLeavesOutFileColumnsWhenNothingWroteFiles() {
        List<String> lines = SummaryTable.render(
                List.of(
                        new TableSummary(Table.USERS, 1_000, 0.5, 0, 0),
                        new TableSummary(Table.PRODUCTS, 29_120, 0.0005, 0, 0)),
                0.6);
        assertThat(lines.get(0)).endsWith("rows/s").doesNotContain("files").doesNotContain("bytes");
        assertThat(lines.get(1)).endsWith("2,000");
        // 0.5 ms is timer noise: no rate of 58 million rows/s made up from it.
        assertThat(lines.get(2)).startsWith("products").endsWith(" -").doesNotContain("58,240,000");
    }
}
