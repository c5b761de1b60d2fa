package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.run.RunManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter wiring of {@code ecommerce:sink}: defaults, tables and formats reaching the files, skip. */
@MojoTest
class SinkMojoTest {

    @TempDir
    Path projectDir;

    private final RecordingLog log = new RecordingLog();

    /** A project in a fresh folder, so {@code ${project.build.directory}} is {@code <tmp>/target}. */
    @Provides
    MavenProject project() {
        return TestProjects.in(projectDir);
    }

    @Provides
    Log log() {
        return log;
    }

    @Test
    @InjectMojo(goal = "sink")
    void bindsTheDocumentedDefaults(SinkMojo mojo) {
        assertThat(mojo).extracting("formats").isEqualTo(List.of("csv", "parquet"));
        assertThat(mojo).extracting("skip", "skipSink").containsExactly(false, false);
        // Unset paths follow the work directory.
        assertThat(mojo.layout())
                .isEqualTo(new dev.ecommerce.core.config.WorkLayout(
                        projectDir.resolve("target/ecommerce"),
                        projectDir.resolve("target/ecommerce/warehouse.duckdb"),
                        projectDir.resolve("target/ecommerce/out")));
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

        Path out = projectDir.resolve("target/ecommerce/out");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("users.csv", "distribution_centers.csv", "_manifest.json");
        }
        assertThat(Files.readAllLines(out.resolve("users.csv"))).hasSize(1 + 100); // header + 100 users
        assertThat(Files.readAllLines(out.resolve("distribution_centers.csv"))).hasSize(1 + 10);
        RunManifest.Sink manifest = RunManifest.read(projectDir.resolve("target/ecommerce"))
                .orElseThrow()
                .sink();
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

        Path work = projectDir.resolve("elsewhere/work");
        assertThat(work.resolve("warehouse.duckdb")).isRegularFile();
        assertThat(work.resolve("manifest.json")).isRegularFile();
        assertThat(work.resolve("out/users.parquet")).isRegularFile();
        assertThat(projectDir.resolve("target/ecommerce")).doesNotExist();
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
        Path database = projectDir.resolve("target/analytics.duckdb");
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:" + database);
                var rs = duck.createStatement()
                        .executeQuery("SELECT count(*), count(DISTINCT id) FROM distribution_centers")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getLong(2)).isEqualTo(10);
        }
        assertThat(RunManifest.read(projectDir.resolve("target/ecommerce"))
                        .orElseThrow()
                        .sink()
                        .destinations())
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

        assertNothingWritten();
        assertThat(log.infoLines()).containsExactly("Skipping ecommerce:sink (sink skip is set)");
    }

    /** A configuration error stops the goal before any data or state is written (the lock file aside). */
    private void assertNothingWritten() {
        Path work = projectDir.resolve("target/ecommerce");
        assertThat(work.resolve("warehouse.duckdb")).doesNotExist();
        assertThat(work.resolve("manifest.json")).doesNotExist();
        assertThat(work.resolve("out")).doesNotExist();
    }
}
