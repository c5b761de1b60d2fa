package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.run.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameter wiring of {@code ecommerce:sink}: defaults, tables and formats reaching the files, skip. */
class SinkMojoTest {

    @RegisterExtension
    final MojoHarness harness = new MojoHarness();

    @Test
    @InjectMojo(goal = "sink")
    void bindsTheDocumentedDefaults(SinkMojo mojo) {
        assertThat(mojo).extracting("formats").isEqualTo(List.of("csv", "parquet"));
        assertThat(mojo).extracting("skip", "skipSink").containsExactly(false, false);
        // Unset paths follow the work directory.
        assertThat(mojo.layout())
                .isEqualTo(new dev.ecommerce.core.config.WorkLayout(
                        harness.work(),
                        harness.work().resolve("warehouse.duckdb"),
                        harness.work().resolve("out")));
        // Unset: the core falls back to DESTINATION / TABLE_NAMES, then to local and all seven tables.
        assertThat(mojo)
                .extracting("destinations", "tables")
                .allSatisfy(value -> assertThat((List<?>) value).isNullOrEmpty());
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users,distribution_centers")
    @MojoParameter(name = "formats", value = "csv")
    void writesTheConfiguredTablesInTheConfiguredFormats(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "sink") SinkMojo sink) throws Exception {
        ingest.execute();
        sink.execute();

        Path out = harness.work().resolve("out");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("users.csv", "distribution_centers.csv", "_manifest.json");
        }
        assertThat(Files.readAllLines(out.resolve("users.csv"))).hasSize(1 + 100); // header + 100 users
        assertThat(Files.readAllLines(out.resolve("distribution_centers.csv"))).hasSize(1 + 10);
        RunManifest.Sink manifest =
                RunManifest.read(harness.work()).orElseThrow().sink();
        assertThat(manifest.destinations())
                .containsExactly(new RunManifest.DestinationEntry("local", "succeeded", null));
        assertThat(manifest.files())
                .extracting(RunManifest.FileEntry::location)
                .containsExactlyInAnyOrder("out/users.csv", "out/distribution_centers.csv");
    }

    /** -Decommerce.workDirectory moves the warehouse, the manifest and out/ together. */
    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    @MojoParameter(name = "formats", value = "parquet")
    @MojoParameter(name = "workDirectory", value = "elsewhere/work")
    void theWorkDirectoryMovesEveryPathUnderIt(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "sink") SinkMojo sink) throws Exception {
        ingest.execute();
        sink.execute();

        Path work = harness.dir().resolve("elsewhere/work");
        assertThat(work.resolve("warehouse.duckdb")).isRegularFile();
        assertThat(work.resolve("manifest.json")).isRegularFile();
        assertThat(work.resolve("out/users.parquet")).isRegularFile();
        assertThat(harness.work()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "sink")
    void bindsTheRemoteDestinationsDefaults(SinkMojo mojo) {
        assertThat(mojo)
                .extracting(
                        "s3Formats",
                        "s3ChecksumMode",
                        "s3ServerId",
                        "s3MaxAttempts",
                        "s3MultipartThresholdMb",
                        "s3PartSizeMb",
                        "s3MaxConcurrency",
                        "s3PathStyle",
                        "s3LocalServer",
                        "motherduckDatabase",
                        "motherduckMode",
                        "motherduckServerId")
                .containsExactly(
                        List.of("parquet"),
                        "when_supported",
                        "s3",
                        5,
                        16,
                        8,
                        8,
                        false,
                        false,
                        "md:ecommerce",
                        "replace",
                        "motherduck");
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "distribution_centers")
    @MojoParameter(name = "destinations", value = "local,md")
    @MojoParameter(name = "motherduckDatabase", value = "target/analytics.duckdb")
    @MojoParameter(name = "motherduckMode", value = "upsert")
    void sinksToADuckDbFileThroughTheMotherDuckDestination(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "sink") SinkMojo sink) throws Exception {
        ingest.execute();
        sink.execute();
        sink.execute(); // upsert again: no duplicates

        // A relative path is resolved against the project folder, not the folder Maven was started in.
        Path database = harness.dir().resolve("target/analytics.duckdb");
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:" + database);
                var rs = duck.createStatement()
                        .executeQuery("SELECT count(*), count(DISTINCT id) FROM distribution_centers")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getLong(2)).isEqualTo(10);
        }
        assertThat(RunManifest.read(harness.work()).orElseThrow().sink().destinations())
                .extracting(RunManifest.DestinationEntry::status)
                .containsExactly("succeeded", "succeeded");
    }

    @Test
    @InjectMojo(goal = "sink")
    @MojoParameter(name = "destinations", value = "s3")
    @MojoParameter(name = "s3Path", value = "s3://my-bucket/raw/../../other")
    void aBadS3PathFailsTheBuildNamingTheSetting(SinkMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid <s3Path> (-Decommerce.s3.path) 's3://my-bucket/raw/../../other': the prefix has"
                        + " an empty, '.' or '..' segment. Use s3://<bucket>/<prefix>, e.g. s3://my-bucket/raw.");
    }

    @Test
    @InjectMojo(goal = "sink")
    @MojoParameter(name = "skipSink", value = "true")
    void sinkSkipWritesNothing(SinkMojo mojo) throws Exception {
        mojo.execute();

        harness.assertNothingWritten();
        assertThat(harness.log().infoLines()).containsExactly("Skipping ecommerce:sink (sink skip is set)");
    }
}
