package dev.ecommerce.testkit.s3;

import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A warehouse, S3 destination specs against a {@link LocalS3}, and a client to read objects back. */
final class S3Fixture {

    static final double SCALE = 0.03; // events.csv is about 11 MB: three parts of S3's smallest size

    private S3Fixture() {}

    /** Ingests all tables at {@link #SCALE} into {@code work/warehouse.duckdb}. */
    static Path ingest(Path work) {
        return ingest(work, SCALE);
    }

    /** Ingests all tables at {@code scale} into {@code work/warehouse.duckdb}. */
    static Path ingest(Path work, double scale) {
        Path warehouse = work.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(
                        work,
                        warehouse,
                        List.of(Table.values()),
                        new GeneratorSpec(42, scale, LocalDate.of(2026, 1, 1), 2)),
                ProgressListener.NONE);
        return warehouse;
    }

    static S3ClientSpec client(LocalS3 server, S3ChecksumMode checksums, int maxAttempts) {
        return new S3ClientSpec(
                null,
                server.endpoint(),
                true,
                checksums,
                AwsCredentialsSpec.accessKey(Secret.of(LocalS3.ACCESS_KEY_ID), Secret.of(LocalS3.SECRET_ACCESS_KEY)),
                maxAttempts);
    }

    static S3DestinationSpec spec(
            LocalS3 server, String uri, Path work, Set<FileFormat> formats, S3DestinationSpec.Multipart multipart) {
        return new S3DestinationSpec(
                S3Location.parse(uri, "S3_PATH"),
                formats,
                false,
                client(server, S3ChecksumMode.WHEN_SUPPORTED, 3),
                multipart,
                work.resolve("staging/s3"));
    }

    static Pipeline.SinkResult sink(Path work, List<Table> tables, S3DestinationSpec spec) {
        return Pipeline.sink(
                new SinkSpec(work, work.resolve("warehouse.duckdb"), tables, List.of(spec)), ProgressListener.NONE);
    }

    /** A plain client (no multipart downloads: S3Proxy cannot serve one part of an object). */
    static S3AsyncClient reader(LocalS3 server) {
        return S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3.ACCESS_KEY_ID, LocalS3.SECRET_ACCESS_KEY)))
                .build();
    }

    static List<String> keys(S3AsyncClient client, String bucket) {
        return client.listObjectsV2(list -> list.bucket(bucket)).join().contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    static byte[] get(S3AsyncClient client, String bucket, String key) {
        return client.getObject(get -> get.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }

    static Path download(S3AsyncClient client, String bucket, String key, Path folder) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve(key.replace('/', '_'));
        Files.write(file, get(client, bucket, key));
        return file;
    }

    static int incompleteUploads(S3AsyncClient client, String bucket) {
        return client.listMultipartUploads(list -> list.bucket(bucket))
                .join()
                .uploads()
                .size();
    }
}
