package dev.ecommerce.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.RunManifest;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The repository's dbt project ({@code transform/}) on its {@code dev} target with the embedded engine: the
 * generated warehouse is sunk to a local S3 server as {@code raw/<table>.parquet}, the transform reads it from
 * there ({@code TRANSFORM_S3_PATH_INPUT}) and writes every mart as {@code marts/<mart>.parquet}
 * ({@code TRANSFORM_S3_PATH_OUTPUT}); each mart must have the rows the same mart has on target {@code local}.
 */
class TransformDevTargetTest {

    private static final Path PROJECT = Path.of("..", "transform");
    private static final String BUCKET = "lake";

    @TempDir
    static Path dir;

    private static LocalS3 server;
    private static S3AsyncClient client;
    private static Path work;
    private static Path project;

    @BeforeAll
    static void sinkAGeneratedWarehouseToS3() throws Exception {
        server = LocalS3.inMemory(BUCKET);
        client = S3Fixture.reader(server);
        work = dir.resolve("work");
        S3Fixture.ingest(work, 0.01);
        S3Fixture.sink(
                work,
                List.of(Table.values()),
                S3Fixture.spec(server, "s3://" + BUCKET + "/raw", work, Set.of(FileFormat.PARQUET), null));
        project = dir.resolve("transform");
        copyProject(PROJECT, project);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void everyMartIsAParquetObjectWithTheRowsOfTheLocalTarget() throws Exception {
        TransformResult local = transform("local", Map.of(), List.of());
        TransformResult dev = transform("dev", Map.of(), List.of());

        assertThat(dev.nodes())
                .allSatisfy(node -> assertThat(node.status())
                        .as(node.uniqueId() + ": " + node.message())
                        .isIn(NodeResult.Status.SUCCESS, NodeResult.Status.PASS));
        assertThat(dev.nodes()).hasSameSizeAs(local.nodes()).hasSizeGreaterThan(80);
        List<String> marts = marts();
        assertThat(marts).hasSize(13);
        assertThat(S3Fixture.keys(client, BUCKET).stream()
                        .filter(k -> k.startsWith("marts/"))
                        .toList())
                .containsExactlyElementsOf(marts.stream()
                        .map(m -> "marts/" + m + ".parquet")
                        .sorted()
                        .toList());
        long total = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + work.resolve("warehouse.duckdb") + "' AS w (READ_ONLY)");
            for (String mart : marts) {
                Path copy = S3Fixture.download(client, BUCKET, "marts/" + mart + ".parquet", dir.resolve("down"));
                long rows = count(statement, "SELECT count(*) FROM read_parquet('" + copy + "')");
                assertThat(rows).as(mart).isEqualTo(count(statement, "SELECT count(*) FROM w.main_marts." + mart));
                total += rows;
            }
        }
        assertThat(total).isGreaterThan(1000);
        // inputs downloaded once into the staging folder; marts written locally before their upload
        for (Table table : Table.values()) {
            assertThat(work.resolve("staging/transform/in/lake/raw/" + table.sqlName() + ".parquet"))
                    .isRegularFile();
        }
        assertThat(work.resolve("staging/transform/out/lake/marts/mart_top_products.parquet"))
                .isRegularFile();
        assertThat(RunManifest.read(work).orElseThrow().transform().target()).isEqualTo("dev");
    }

    @Test
    void aMissingInputObjectIsAnErrorNamingItsLocation() {
        assertThatThrownBy(() ->
                        transform("dev", Map.of("TRANSFORM_S3_PATH_INPUT", "s3://" + BUCKET + "/nothing"), List.of()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("The source thelook.")
                .hasMessageContaining("reads s3://lake/nothing/")
                .hasMessageContaining("which does not exist");
    }

    @Test
    void aFailingUploadIsTheMartsErrorNamingItsLocation() {
        assertThatThrownBy(() -> transform(
                        "dev",
                        Map.of("TRANSFORM_S3_PATH_OUTPUT", "s3://no-such-bucket/marts"),
                        List.of("+mart_order_status_distribution")))
                // A missing bucket is the user's to fix (S3Errors); the S3 failure is kept as the cause.
                .isInstanceOf(dev.ecommerce.core.ConfigurationException.class)
                .hasCauseInstanceOf(dev.ecommerce.core.ConfigurationException.class)
                .hasMessageContaining("The dbt build failed: 1 node failed")
                .hasMessageContaining("error model mart_order_status_distribution")
                .hasMessageContaining("to s3://no-such-bucket/marts/mart_order_status_distribution.parquet")
                .hasMessageContaining("NoSuchBucket")
                .hasMessageContaining("TRANSFORM_S3_PATH_INPUT/OUTPUT")
                .hasMessageNotContaining(LocalS3.SECRET_ACCESS_KEY);
        assertThat(S3Fixture.incompleteUploads(client, BUCKET)).isZero();
    }

    private static TransformResult transform(String target, Map<String, String> overrides, List<String> select) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ECOMMERCE_WAREHOUSE", work.resolve("warehouse.duckdb").toString());
        environment.put("TRANSFORM_DEV_DATABASE", dir.resolve("dev.duckdb").toString());
        environment.put("TRANSFORM_S3_PATH_INPUT", "s3://" + BUCKET + "/raw");
        environment.put("TRANSFORM_S3_PATH_OUTPUT", "s3://" + BUCKET + "/marts");
        environment.putAll(overrides);
        return Pipeline.transform(
                new TransformSpec(
                        work,
                        project,
                        project,
                        target,
                        Map.of(),
                        select,
                        TransformEngineKind.EMBEDDED,
                        null,
                        false,
                        environment,
                        S3Fixture.client(server, S3ChecksumMode.WHEN_SUPPORTED, 3),
                        null),
                ProgressListener.NONE);
    }

    private static List<String> marts() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve("models/marts"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".sql"))
                    .map(f -> f.substring(0, f.length() - ".sql".length()))
                    .sorted()
                    .toList();
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The dbt project without its {@code target/} and {@code logs/} folders. */
    private static void copyProject(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(folder);
                if (relative.startsWith("target") || relative.startsWith("logs")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
