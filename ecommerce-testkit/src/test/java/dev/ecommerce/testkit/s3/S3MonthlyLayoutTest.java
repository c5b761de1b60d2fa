package dev.ecommerce.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Layout;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.s3.S3ObjectManifest;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.sink.OutputFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The s3 destination's monthly layout against an S3-compatible server that keeps objects as files: after a full
 * load and daily increments, each followed by a sink, the partitions read back as exactly the warehouse's rows, the
 * months whose rows did not change keep their objects (same key, same ETag, no write reached the store), and the
 * months that changed, by the increment or by hand, are written under new keys.
 */
class S3MonthlyLayoutTest {

    private static final String BUCKET = "lake";
    private static final List<Table> ALL = List.of(Table.values());
    private static final List<Table> ORDERS_AND_PRODUCTS = List.of(Table.ORDERS, Table.PRODUCTS);
    private static final List<Table> USERS_AND_ORDERS = List.of(Table.USERS, Table.ORDERS);
    private static final double SCALE = 0.01;
    private static final LocalDate DAY_0 = GeneratorSpec.DEFAULT_ANCHOR;

    @TempDir
    Path dir;

    private Path work;
    private Path store;
    private LocalS3 server;
    private S3AsyncClient client;

    @BeforeEach
    void start() {
        work = dir.resolve("work");
        store = dir.resolve("s3");
        server = LocalS3.onDisk(store, BUCKET);
        client = S3Fixture.reader(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Path warehouse() {
        return work.resolve("warehouse.duckdb");
    }

    private void ingest(LocalDate anchor, LoadMode mode) {
        Pipeline.ingest(
                new IngestSpec(work, warehouse(), ALL, new GeneratorSpec(7, SCALE, anchor, 2), null, mode, null),
                ProgressListener.NONE);
    }

    private S3DestinationSpec monthly(Set<FileFormat> formats, S3ClientSpec s3) {
        return new S3DestinationSpec(
                S3Location.parse("s3://" + BUCKET + "/raw", "S3_PATH"),
                formats,
                false,
                S3Layout.MONTHLY,
                s3,
                null,
                work.resolve("staging/s3"));
    }

    private S3DestinationSpec monthly() {
        return monthly(Set.of(FileFormat.PARQUET), S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 3));
    }

    private Pipeline.SinkResult sink(S3DestinationSpec spec, List<Table> tables, List<ProgressEvent> events) {
        return Pipeline.sink(new SinkSpec(work, warehouse(), tables, List.of(spec)), events::add);
    }

    private Pipeline.SinkResult sink(S3DestinationSpec spec, List<Table> tables) {
        return sink(spec, tables, new ArrayList<>());
    }

    @Test
    void incrementsRewriteOnlyTheMonthsWhoseRowsChangedAndThePartitionsReadBackAsTheWarehouse() throws Exception {
        ingest(DAY_0, LoadMode.FULL);
        List<ProgressEvent> events = new ArrayList<>();
        Pipeline.SinkResult first = sink(monthly(), ALL, events);

        S3ObjectManifest manifest = manifest();
        assertThat(manifest.layout()).isEqualTo("monthly");
        assertThat(first.files()).hasSize(manifest.objects().size());
        Map<Table, Map<String, String>> months = fingerprints();
        for (Table table : ALL) {
            // One object per month that has rows, one for a table without created_at.
            assertThat(entries(manifest, table).keySet())
                    .as(table.sqlName())
                    .isEqualTo(months.get(table).keySet());
        }
        assertThat(entries(manifest, Table.ORDERS)).hasSizeGreaterThan(24); // thelook's orders span years
        assertThat(entries(manifest, Table.PRODUCTS).values())
                .singleElement()
                .satisfies(key -> assertThat(key).matches("raw/products/products-[0-9a-f]{16}\\.parquet"));
        assertThat(entries(manifest, Table.ORDERS).get("2024-03"))
                .matches("raw/orders/created_month=2024-03/orders-2024-03-[0-9a-f]{16}\\.parquet");
        assertThat(first.tables()).extracting(TableSummary::kept).containsOnly(0);
        assertThat(events)
                .filteredOn(ProgressEvent.ObjectsKept.class::isInstance)
                .hasSize(ALL.size());
        assertReadsBackAsTheWarehouse(manifest);

        int untouchedTotal = 0;
        for (int day = 1; day <= 3; day++) {
            Map<Table, Map<String, String>> before = fingerprints();
            S3ObjectManifest previous = manifest();
            Map<String, String> etags = etags();
            ingest(DAY_0.plusDays(day), LoadMode.INCREMENTAL);
            Map<Table, Map<String, String>> after = fingerprints();
            int writes = server.faults().objectWrites().size();

            Pipeline.SinkResult result = sink(monthly(), ALL);

            List<String> written = server.faults()
                    .objectWrites()
                    .subList(writes, server.faults().objectWrites().size());
            S3ObjectManifest current = manifest();
            Map<String, String> etagsAfter = etags();
            Set<String> expectedWrites = new TreeSet<>();
            int untouched = 0;
            for (Table table : ALL) {
                Map<String, String> was = entries(previous, table);
                Map<String, String> is = entries(current, table);
                assertThat(is.keySet())
                        .as("%s on day %d", table.sqlName(), day)
                        .isEqualTo(after.get(table).keySet());
                for (Map.Entry<String, String> month : after.get(table).entrySet()) {
                    String key = is.get(month.getKey());
                    if (month.getValue().equals(before.get(table).get(month.getKey()))) {
                        // Rows unchanged: the very object of the previous run, not written again.
                        assertThat(key)
                                .as("%s %s day %d", table.sqlName(), month.getKey(), day)
                                .isEqualTo(was.get(month.getKey()));
                        assertThat(etagsAfter).containsEntry(key, etags.get(key));
                        untouched++;
                    } else {
                        assertThat(key)
                                .as("%s %s day %d", table.sqlName(), month.getKey(), day)
                                .isNotEqualTo(was.get(month.getKey()));
                        expectedWrites.add(key);
                    }
                }
                assertThat(result.tables())
                        .filteredOn(t -> t.table() == table)
                        .singleElement()
                        .satisfies(t -> assertThat(t.kept() + t.files()).isEqualTo(is.size()));
            }
            // The store saw exactly the writes of the changed months, then the manifest.
            assertThat(new TreeSet<>(written.subList(0, written.size() - 1))).isEqualTo(expectedWrites);
            assertThat(written).hasSize(expectedWrites.size() + 1).last().isEqualTo("raw/_manifest.json");
            assertThat(result.files())
                    .extracting(OutputFile::location)
                    .containsExactlyInAnyOrderElementsOf(expectedWrites.stream()
                            .map(k -> "s3://" + BUCKET + "/" + k)
                            .toList());
            // Each day adds rows to the newest month and the lookback rewrites recent ones; older months stay.
            assertThat(expectedWrites).as("day %d", day).isNotEmpty().hasSizeLessThan(untouched / 5);
            assertThat(expectedWrites).anyMatch(k -> k.startsWith("raw/events/created_month=2026-01/"));
            assertThat(expectedWrites).noneMatch(k -> k.contains("created_month=2023-"));
            assertReadsBackAsTheWarehouse(current);
            untouchedTotal += untouched;
        }
        assertThat(untouchedTotal).isGreaterThan(3 * 100);
    }

    @Test
    void aRowChangedInAnOldMonthRewritesThatMonthAlone() throws Exception {
        ingest(DAY_0, LoadMode.FULL);
        sink(monthly(), ORDERS_AND_PRODUCTS);
        S3ObjectManifest before = manifest();
        Map<String, String> etags = etags();
        long orderId;
        String month;
        long items;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + warehouse());
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = statement.executeQuery("SELECT order_id, strftime(created_at, '%Y-%m'), num_of_item"
                    + " FROM orders"
                    + " WHERE created_at < TIMESTAMPTZ '2023-01-01 00:00:00+00' ORDER BY order_id LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                orderId = rs.getLong(1);
                month = rs.getString(2);
                items = rs.getLong(3);
            }
            // Same row count, same month: only the content digest can tell.
            assertThat(statement.executeUpdate(
                            "UPDATE orders SET num_of_item = num_of_item + 1 WHERE order_id = " + orderId))
                    .isEqualTo(1);
        }
        int writes = server.faults().objectWrites().size();

        Pipeline.SinkResult result = sink(monthly(), ORDERS_AND_PRODUCTS);

        S3ObjectManifest after = manifest();
        List<String> written = server.faults()
                .objectWrites()
                .subList(writes, server.faults().objectWrites().size());
        String rewritten = entries(after, Table.ORDERS).get(month);
        assertThat(written).containsExactly(rewritten, "raw/_manifest.json");
        assertThat(rewritten).isNotEqualTo(entries(before, Table.ORDERS).get(month));
        assertThat(result.files()).singleElement().satisfies(f -> {
            assertThat(f.table()).isEqualTo(Table.ORDERS);
            assertThat(f.location()).isEqualTo("s3://" + BUCKET + "/" + rewritten);
        });
        assertThat(result.tables())
                .filteredOn(t -> t.table() == Table.ORDERS)
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.files()).isEqualTo(1);
                    assertThat(t.kept()).isEqualTo(entries(after, Table.ORDERS).size() - 1);
                });
        // The superseded object is gone, every other one is the same object.
        Map<String, String> now = etags();
        assertThat(now).doesNotContainKey(entries(before, Table.ORDERS).get(month));
        for (S3ObjectManifest.Entry entry : after.objects()) {
            if (!entry.key().equals(rewritten)) {
                assertThat(now.get(entry.key())).as(entry.key()).isEqualTo(etags.get(entry.key()));
            }
        }
        assertReadsBackAsTheWarehouse(after);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            assertThat(count(
                            statement,
                            "SELECT num_of_item FROM read_parquet('"
                                    + store.resolve(BUCKET).resolve(rewritten) + "') WHERE order_id = " + orderId))
                    .isEqualTo(items + 1);
        }
    }

    @Test
    void aFailedRunKeepsThePublishedSetAndTheNextRunRemovesWhatAKilledRunLeft() throws Exception {
        ingest(DAY_0, LoadMode.FULL);
        sink(monthly(), USERS_AND_ORDERS);
        S3ObjectManifest published = manifest();
        // What a killed run leaves: an object under a new name that no manifest lists, and an incomplete upload.
        String orphan = "raw/orders/created_month=2024-03/orders-2024-03-0123456789abcdef.parquet";
        client.putObject(put -> put.bucket(BUCKET).key(orphan), AsyncRequestBody.fromString("half a run"))
                .join();
        String incomplete = "raw/users/created_month=2024-03/users-2024-03-fedcba9876543210.parquet";
        client.createMultipartUpload(create -> create.bucket(BUCKET).key(incomplete))
                .join();
        String foreign = "raw/orders/notes.txt"; // not the layout's: never touched
        client.putObject(put -> put.bucket(BUCKET).key(foreign), AsyncRequestBody.fromString("mine"))
                .join();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + warehouse());
                Statement statement = duck.createStatement()) {
            statement.execute("DELETE FROM users WHERE id = (SELECT min(id) FROM users)");
        }

        server.faults().throttleNext(10);
        assertThatThrownBy(() -> sink(
                        monthly(Set.of(FileFormat.PARQUET), S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 1)),
                        USERS_AND_ORDERS))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("Cannot upload s3://" + BUCKET + "/raw/users/");
        server.faults().clear();
        // Unlike the flat layout, the published manifest stays, and so does every object it lists.
        assertThat(manifest()).isEqualTo(published);
        assertThat(etags().keySet())
                .containsAll(published.objects().stream()
                        .map(S3ObjectManifest.Entry::key)
                        .toList());

        sink(monthly(), USERS_AND_ORDERS);

        S3ObjectManifest current = manifest();
        Set<String> expected = new TreeSet<>();
        current.objects().forEach(e -> expected.add(e.key()));
        expected.add("raw/_manifest.json");
        expected.add(foreign);
        assertThat(new TreeSet<>(etags().keySet())).isEqualTo(expected);
        assertThat(S3Fixture.incompleteUploads(client, BUCKET)).isZero();
        client.deleteObject(delete -> delete.bucket(BUCKET).key(foreign)).join();
        assertReadsBackAsTheWarehouse(current);
    }

    @Test
    void csvPartitionsAndAFlatManifestBeforeThem() throws Exception {
        ingest(DAY_0, LoadMode.FULL);
        S3DestinationSpec flat = S3Fixture.spec(server, "s3://" + BUCKET + "/raw", work, Set.of(FileFormat.CSV), null);
        sink(flat, ORDERS_AND_PRODUCTS);
        assertThat(etags()).containsKey("raw/orders.csv");

        S3DestinationSpec both = monthly(
                Set.of(FileFormat.PARQUET, FileFormat.CSV), S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 3));
        Pipeline.SinkResult result = sink(both, ORDERS_AND_PRODUCTS);

        // A flat manifest before: nothing to keep, and its objects are superseded.
        S3ObjectManifest manifest = manifest();
        assertThat(result.files()).hasSize(manifest.objects().size());
        assertThat(etags()).doesNotContainKeys("raw/orders.csv", "raw/products.csv");
        Map<String, String> csv = manifest.objects().stream()
                .filter(e -> e.table().equals("orders") && e.format().equals("csv"))
                .collect(Collectors.toMap(S3ObjectManifest.Entry::partition, S3ObjectManifest.Entry::key));
        assertThat(csv.keySet()).isEqualTo(entries(manifest, Table.ORDERS).keySet());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("ATTACH '" + warehouse() + "' AS w (READ_ONLY)");
            String files = csv.values().stream()
                    .map(k -> "'" + store.resolve(BUCKET).resolve(k) + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
            String read = "SELECT * EXCLUDE (created_month) FROM read_csv(" + files
                    + ", hive_partitioning = true, header = true, columns = {" + columnsOf(statement, "orders")
                    + "})";
            assertThat(count(statement, "SELECT count(*) FROM (" + read + ")"))
                    .isEqualTo(count(statement, "SELECT count(*) FROM w.orders"));
            assertThat(count(statement, "SELECT count(*) FROM (" + read + " EXCEPT ALL SELECT * FROM w.orders)"))
                    .isZero();
        }

        // Nothing changed: a second run writes only the manifest and keeps every object.
        int writes = server.faults().objectWrites().size();
        Pipeline.SinkResult again = sink(both, ORDERS_AND_PRODUCTS);
        assertThat(server.faults()
                        .objectWrites()
                        .subList(writes, server.faults().objectWrites().size()))
                .containsExactly("raw/_manifest.json");
        assertThat(again.files()).isEmpty();
        assertThat(again.tables().stream().mapToInt(TableSummary::kept).sum())
                .isEqualTo(manifest.objects().size());
        assertThat(manifest().objects()).isEqualTo(manifest.objects());
    }

    @Test
    void theMonthlyLayoutIsChosenByNameAndRefusesARunDateFolder() {
        assertThat(S3Layout.parse("Monthly", Setting.S3_LAYOUT.ref())).isEqualTo(S3Layout.MONTHLY);
        assertThat(S3Layout.parse(null, Setting.S3_LAYOUT.ref())).isEqualTo(S3Layout.FLAT);
        assertThatThrownBy(() -> S3Layout.parse("daily", Setting.S3_LAYOUT.ref()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown value 'daily' for {{S3_LAYOUT}}. Valid values: flat, monthly.");
        assertThatThrownBy(() -> new S3DestinationSpec(
                        S3Location.parse("s3://" + BUCKET + "/raw", "S3_PATH"),
                        null,
                        true,
                        S3Layout.MONTHLY,
                        S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 1),
                        null,
                        work))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.S3_LAYOUT.set("monthly"))
                .hasMessageContaining(Setting.S3_PARTITION_BY_RUN_DATE.ref());
    }

    /**
     * Every object the manifest lists, read back with DuckDB from the store's files (a glob over each table's
     * folder, Hive partitioning on), equals the warehouse table both ways, and each row sits in its month's folder.
     */
    private void assertReadsBackAsTheWarehouse(S3ObjectManifest manifest) throws Exception {
        Set<String> listed = new TreeSet<>();
        manifest.objects().forEach(e -> listed.add(e.key()));
        listed.add("raw/_manifest.json");
        assertThat(new TreeSet<>(etags().keySet()))
                .as("the bucket holds what the manifest lists")
                .isEqualTo(listed);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("ATTACH '" + warehouse() + "' AS w (READ_ONLY)");
            for (Table table : ALL) {
                String name = table.sqlName();
                if (manifest.objects().stream().noneMatch(e -> e.table().equals(name))) {
                    continue; // not sunk
                }
                Path folder = store.resolve(BUCKET).resolve("raw").resolve(name);
                boolean monthly =
                        table.columns().stream().anyMatch(c -> c.name().equals("created_at"));
                String read = monthly
                        ? "SELECT * EXCLUDE (created_month) FROM read_parquet('" + folder
                                + "/*/*.parquet', hive_partitioning = true)"
                        : "SELECT * FROM read_parquet('" + folder + "/*.parquet')";
                long rows = count(statement, "SELECT count(*) FROM w." + name);
                assertThat(rows).as(name).isPositive();
                assertThat(count(statement, "SELECT count(*) FROM (" + read + ")"))
                        .as(name)
                        .isEqualTo(rows);
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (" + read + " EXCEPT ALL SELECT * FROM w." + name + ")"))
                        .as(name)
                        .isZero();
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (SELECT * FROM w." + name + " EXCEPT ALL " + read + ")"))
                        .as(name)
                        .isZero();
                if (monthly) {
                    assertThat(count(
                                    statement,
                                    "SELECT count(*) FROM read_parquet('" + folder + "/*/*.parquet',"
                                            + " hive_partitioning = true) WHERE CAST(created_month AS VARCHAR)"
                                            + " IS DISTINCT FROM strftime(created_at, '%Y-%m')"))
                            .as(name + ": rows in their month's folder")
                            .isZero();
                }
                long listedRows = manifest.objects().stream()
                        .filter(e -> e.table().equals(name))
                        .mapToLong(S3ObjectManifest.Entry::rows)
                        .sum();
                assertThat(listedRows).as(name + ": rows in the manifest").isEqualTo(rows);
            }
        }
    }

    /**
     * Per table, per creation month (UTC; {@code whole} for a table without created_at), an MD5 of the month's
     * rows in key order: computed here independently of the destination's digest.
     */
    private Map<Table, Map<String, String>> fingerprints() throws Exception {
        Map<Table, Map<String, String>> fingerprints = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("ATTACH '" + warehouse() + "' AS w (READ_ONLY)");
            for (Table table : ALL) {
                boolean monthly =
                        table.columns().stream().anyMatch(c -> c.name().equals("created_at"));
                String month = monthly ? "strftime(t.created_at, '%Y-%m')" : "'whole'";
                Map<String, String> months = new TreeMap<>();
                try (ResultSet rs = statement.executeQuery("SELECT " + month + " AS m, md5(string_agg(CAST(t AS"
                        + " VARCHAR), '|' ORDER BY t." + table.key() + ")) FROM w." + table.sqlName()
                        + " t GROUP BY m")) {
                    while (rs.next()) {
                        months.put(rs.getString(1), rs.getString(2));
                    }
                }
                fingerprints.put(table, months);
            }
        }
        return fingerprints;
    }

    private S3ObjectManifest manifest() {
        return S3ObjectManifest.parse(S3Fixture.get(client, BUCKET, "raw/_manifest.json"));
    }

    /** A table's Parquet objects in the manifest by partition ({@code whole} for a table without created_at). */
    private static Map<String, String> entries(S3ObjectManifest manifest, Table table) {
        Map<String, String> entries = new TreeMap<>();
        for (S3ObjectManifest.Entry entry : manifest.objects()) {
            if (entry.table().equals(table.sqlName()) && entry.format().equals("parquet")) {
                assertThat(entries.put(entry.partition() == null ? "whole" : entry.partition(), entry.key()))
                        .as("one object per partition")
                        .isNull();
            }
        }
        return entries;
    }

    /** Every object in the bucket: key → ETag. */
    private Map<String, String> etags() {
        Map<String, String> etags = new TreeMap<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = client.listObjectsV2(
                            list -> list.bucket(BUCKET).continuationToken(continuation))
                    .join();
            for (S3Object object : page.contents()) {
                etags.put(object.key(), object.eTag());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return etags;
    }

    private static String columnsOf(Statement statement, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_catalog = 'w' AND table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add("'" + rs.getString(1) + "': '" + rs.getString(2) + "'");
            }
        }
        return String.join(", ", columns);
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
