package dev.ecommerce.testkit.s3;

import static dev.ecommerce.testkit.s3.S3Fixture.download;
import static dev.ecommerce.testkit.s3.S3Fixture.get;
import static dev.ecommerce.testkit.s3.S3Fixture.incompleteUploads;
import static dev.ecommerce.testkit.s3.S3Fixture.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.RunManifest;
import dev.ecommerce.core.s3.S3ObjectManifest;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The s3 destination against an in-process S3-compatible server: contents, multipart, failures, re-runs. */
class S3DestinationTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path shared;

    private static Path work;
    private static LocalS3 server;
    private static S3AsyncClient client;

    @TempDir
    Path tmp;

    private String bucket;

    @BeforeAll
    static void start() {
        server = LocalS3.inMemory();
        client = S3Fixture.reader(server);
        work = shared.resolve("work");
        S3Fixture.ingest(work);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    private String newBucket() {
        bucket = "bucket-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        return bucket;
    }

    private S3DestinationSpec spec(Set<FileFormat> formats, S3DestinationSpec.Multipart multipart) {
        return S3Fixture.spec(server, "s3://" + bucket + "/raw", work, formats, multipart);
    }

    private static S3DestinationSpec withClient(S3DestinationSpec spec, S3ClientSpec client) {
        return new S3DestinationSpec(
                spec.location(),
                spec.formats(),
                spec.partitionByRunDate(),
                client,
                spec.multipart(),
                spec.stagingDirectory());
    }

    @Test
    void uploadsEveryTableAndAManifestThatMatchTheWarehouse() throws Exception {
        newBucket();
        List<Table> tables = List.of(Table.USERS, Table.ORDERS, Table.EVENTS);

        Pipeline.SinkResult result =
                S3Fixture.sink(work, tables, spec(Set.of(FileFormat.PARQUET, FileFormat.CSV), null));

        assertThat(keys(client, bucket))
                .containsExactly(
                        "raw/_manifest.json",
                        "raw/events.csv",
                        "raw/events.parquet",
                        "raw/orders.csv",
                        "raw/orders.parquet",
                        "raw/users.csv",
                        "raw/users.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + work.resolve("warehouse.duckdb") + "' AS w (READ_ONLY)");
            for (Table table : tables) {
                Path parquet = download(client, bucket, "raw/" + table.sqlName() + ".parquet", tmp);
                long expected = count(statement, "SELECT count(*) FROM w." + table.sqlName());
                assertThat(count(statement, "SELECT count(*) FROM read_parquet('" + parquet + "')"))
                        .as(table.sqlName())
                        .isEqualTo(expected)
                        .isPositive();
                // Same rows, same values, both ways.
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (SELECT * FROM read_parquet('" + parquet + "') EXCEPT ALL"
                                        + " SELECT * FROM w." + table.sqlName() + ")"))
                        .isZero();
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (SELECT * FROM w." + table.sqlName() + " EXCEPT ALL"
                                        + " SELECT * FROM read_parquet('" + parquet + "'))"))
                        .isZero();
            }
        }
        S3ObjectManifest manifest = S3ObjectManifest.parse(get(client, bucket, "raw/_manifest.json"));
        assertThat(manifest.runId()).isEqualTo(result.runId());
        assertThat(manifest.objects()).hasSize(6);
        for (S3ObjectManifest.Entry entry : manifest.objects()) {
            Path object = download(client, bucket, entry.key(), tmp.resolve("check"));
            assertThat(Files.size(object)).as(entry.key()).isEqualTo(entry.bytes());
            assertThat(AtomicFiles.sha256(object)).as(entry.key()).isEqualTo(entry.sha256());
        }
        assertThat(manifest.objects())
                .filteredOn(e -> e.table().equals("users"))
                .extracting(S3ObjectManifest.Entry::rows)
                .containsOnly((long) (S3Fixture.SCALE * 100_000));
        RunManifest.Sink sink = RunManifest.read(work).orElseThrow().sink();
        assertThat(sink.destinations()).containsExactly(new RunManifest.DestinationEntry("s3", "succeeded", null));
        assertThat(sink.files())
                .extracting(RunManifest.FileEntry::location)
                .contains("s3://" + bucket + "/raw/users.parquet", "s3://" + bucket + "/raw/events.csv");
    }

    @Test
    void largeFilesGoUpInSeveralPartsAndArriveWhole() throws Exception {
        newBucket();
        int before = server.faults().partUploads();
        long partSize = 5L << 20; // S3's smallest part

        Pipeline.SinkResult result = S3Fixture.sink(
                work,
                List.of(Table.EVENTS),
                spec(Set.of(FileFormat.CSV), new S3DestinationSpec.Multipart(partSize, partSize, 4)));

        long size = result.files().get(0).bytes();
        assertThat(size).isGreaterThan(2 * partSize);
        assertThat(server.faults().partUploads() - before).isEqualTo((int) ((size + partSize - 1) / partSize));
        assertThat(server.faults().maxPartsInFlight())
                .as("parts in flight at once")
                .isGreaterThan(1);
        Path downloaded = download(client, bucket, "raw/events.csv", tmp);
        assertThat(AtomicFiles.sha256(downloaded))
                .isEqualTo(result.files().get(0).sha256());
        assertThat(incompleteUploads(client, bucket)).isZero();
    }

    @Test
    void stagedFilesAreDeletedAfterTheRunAndThoseOfAKilledRunBeforeIt() throws Exception {
        newBucket();
        Path staging = work.resolve("staging/s3");
        Files.createDirectories(staging);
        // What a run killed during staging leaves: a whole staged file and a temporary one.
        Files.writeString(staging.resolve("orders.parquet"), "old");
        Files.writeString(staging.resolve(".users.parquet.4a1f.tmp"), "");
        Files.writeString(staging.resolve("notes.txt"), "not ours");

        S3Fixture.sink(work, List.of(Table.USERS), spec(Set.of(FileFormat.PARQUET), null));

        assertThat(keys(client, bucket)).containsExactly("raw/_manifest.json", "raw/users.parquet");
        try (var left = Files.list(staging)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void aFailingPartLeavesNoIncompleteUploadAndNoManifest() {
        newBucket();
        server.faults().failPartUploads(1, 1_000);
        long partSize = 5L << 20; // S3's smallest part
        S3DestinationSpec spec = withClient(
                spec(Set.of(FileFormat.CSV), new S3DestinationSpec.Multipart(partSize, partSize, 4)),
                S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 2));

        assertThatThrownBy(() -> S3Fixture.sink(work, List.of(Table.DISTRIBUTION_CENTERS, Table.EVENTS), spec))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("Cannot upload s3://" + bucket + "/raw/events.csv")
                .hasMessageContaining("500 InternalError");

        assertThat(server.faults().partUploads()).isGreaterThan(2); // one part went up, the failing one was retried
        assertThat(incompleteUploads(client, bucket)).isZero();
        assertThat(keys(client, bucket)).containsExactly("raw/distribution_centers.csv");
        RunManifest.Sink sink = RunManifest.read(work).orElseThrow().sink();
        assertThat(sink.destinations()).singleElement().satisfies(d -> {
            assertThat(d.destination()).isEqualTo("s3");
            assertThat(d.status()).isEqualTo("failed");
            assertThat(d.error()).contains("raw/events.csv");
        });
    }

    @Test
    void anInterruptedRunThenARerunLeavesExactlyOneCopyOfEachObject() {
        newBucket();
        long partSize = 5L << 20; // S3's smallest part
        S3DestinationSpec.Multipart multipart = new S3DestinationSpec.Multipart(partSize, partSize, 4);
        List<Table> tables = List.of(Table.USERS, Table.EVENTS);
        S3Fixture.sink(work, tables, spec(Set.of(FileFormat.CSV), multipart));
        assertThat(keys(client, bucket)).contains("raw/_manifest.json");

        server.faults().failPartUploads(2, 1_000);
        S3DestinationSpec failing = withClient(
                spec(Set.of(FileFormat.CSV), multipart), S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 1));
        assertThatThrownBy(() -> S3Fixture.sink(work, tables, failing)).isInstanceOf(InfrastructureException.class);
        // The previous manifest was withdrawn before its objects were replaced: nothing half-new is published.
        assertThat(keys(client, bucket)).doesNotContain("raw/_manifest.json");

        server.faults().clear();
        Pipeline.SinkResult rerun = S3Fixture.sink(work, tables, spec(Set.of(FileFormat.CSV), multipart));

        assertThat(keys(client, bucket)).containsExactly("raw/_manifest.json", "raw/events.csv", "raw/users.csv");
        assertThat(incompleteUploads(client, bucket)).isZero();
        assertThat(S3ObjectManifest.parse(get(client, bucket, "raw/_manifest.json"))
                        .runId())
                .isEqualTo(rerun.runId());
    }

    @Test
    void anIncompleteUploadLeftByAKilledRunIsAbortedByTheNextRun() {
        newBucket();
        String uploadId = client.createMultipartUpload(
                        create -> create.bucket(bucket).key("raw/users.csv"))
                .join()
                .uploadId();
        client.uploadPart(
                        part -> part.bucket(bucket)
                                .key("raw/users.csv")
                                .uploadId(uploadId)
                                .partNumber(1),
                        software.amazon.awssdk.core.async.AsyncRequestBody.fromString("half a file"))
                .join();
        assertThat(incompleteUploads(client, bucket)).isEqualTo(1);

        S3Fixture.sink(work, List.of(Table.USERS), spec(Set.of(FileFormat.CSV), null));

        assertThat(incompleteUploads(client, bucket)).isZero();
        assertThat(keys(client, bucket)).containsExactly("raw/_manifest.json", "raw/users.csv");
    }

    @Test
    void throttlingIsRetried() {
        newBucket();
        server.faults().throttleNext(2);

        S3Fixture.sink(work, List.of(Table.DISTRIBUTION_CENTERS), spec(Set.of(FileFormat.CSV), null));

        assertThat(server.faults().throttled()).isGreaterThanOrEqualTo(2);
        assertThat(new String(get(client, bucket, "raw/distribution_centers.csv")).lines())
                .hasSize(1 + 10);
    }

    @Test
    void aStoreThatRejectsChecksumsNamesTheSettingAndWorksWithWhenRequired() {
        newBucket();
        server.faults().rejectChecksums(true);
        long partSize = 5L << 20;
        S3DestinationSpec.Multipart multipart = new S3DestinationSpec.Multipart(partSize, partSize, 4);
        S3DestinationSpec supported = withClient(
                spec(Set.of(FileFormat.CSV), multipart), S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 1));

        assertThatThrownBy(() -> S3Fixture.sink(work, List.of(Table.EVENTS), supported))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot upload s3://" + bucket + "/raw/events.csv")
                .hasMessageContaining("400 InvalidRequest")
                .hasMessageContaining(Setting.S3_CHECKSUM_MODE.set("when_required"));
        assertThat(server.faults().checksummedRequests()).isPositive();

        int checksummed = server.faults().checksummedRequests();
        S3DestinationSpec required = withClient(
                spec(Set.of(FileFormat.CSV), multipart), S3Fixture.client(server, S3ChecksumMode.WHEN_REQUIRED, 1));
        S3Fixture.sink(work, List.of(Table.EVENTS), required);

        assertThat(server.faults().checksummedRequests()).isEqualTo(checksummed);
        assertThat(keys(client, bucket)).containsExactly("raw/_manifest.json", "raw/events.csv");
    }

    @Test
    void virtualHostAddressingOfALocalStoreFailsWithAPathStyleHint() {
        newBucket();
        S3ClientSpec virtualHost = new S3ClientSpec(
                null,
                java.net.URI.create("http://localhost:" + server.endpoint().getPort()),
                false,
                S3ChecksumMode.WHEN_SUPPORTED,
                S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 1).credentials(),
                1);

        assertThatThrownBy(() -> S3Fixture.sink(
                        work,
                        List.of(Table.DISTRIBUTION_CENTERS),
                        withClient(spec(Set.of(FileFormat.CSV), null), virtualHost)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.S3_PATH_STYLE.set(true));
    }

    @Test
    void thePartitionedLayoutPutsARunDateFolderUnderThePrefix() {
        newBucket();
        S3DestinationSpec flat = spec(Set.of(FileFormat.PARQUET), null);
        S3DestinationSpec partitioned = new S3DestinationSpec(
                flat.location(), flat.formats(), true, flat.client(), flat.multipart(), flat.stagingDirectory());

        S3Fixture.sink(work, List.of(Table.PRODUCTS), partitioned);

        String folder = "raw/run_date=" + LocalDate.now(ZoneOffset.UTC) + "/";
        assertThat(keys(client, bucket)).containsExactly(folder + "_manifest.json", folder + "products.parquet");
    }

    @Test
    void aMissingBucketIsAConfigurationError() {
        bucket = "no-such-bucket";
        assertThatThrownBy(() -> S3Fixture.sink(work, List.of(Table.PRODUCTS), spec(Set.of(FileFormat.CSV), null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("NoSuchBucket")
                .hasMessageContaining(Setting.S3_PATH.ref());
    }

    @Test
    void rejectedCredentialsAreAConfigurationErrorWithoutTheSecret() {
        newBucket();
        String wrongSecret = "wrong-secret-key-0123456789";
        S3ClientSpec wrongKey = new S3ClientSpec(
                null,
                server.endpoint(),
                true,
                S3ChecksumMode.WHEN_SUPPORTED,
                AwsCredentialsSpec.accessKey(Secret.of(LocalS3.ACCESS_KEY_ID), Secret.of(wrongSecret)),
                1);

        assertThatThrownBy(() -> S3Fixture.sink(
                        work, List.of(Table.PRODUCTS), withClient(spec(Set.of(FileFormat.CSV), null), wrongKey)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("403 SignatureDoesNotMatch")
                .hasMessageContaining(Setting.S3_SERVER_ID.ref())
                .hasMessageNotContaining(wrongSecret);
    }

    @Test
    void theLocationIsTheOneConfigured() {
        assertThat(S3Location.parse("s3://my-bucket/raw/thelook/", "S3_PATH").key("", "users.parquet"))
                .isEqualTo("raw/thelook/users.parquet");
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
