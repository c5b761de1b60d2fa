package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's dbt project ({@code transform/}) built end to end by the embedded engine on a freshly
 * generated warehouse: every model, seed, test and unit test must succeed. The project is copied, so its
 * {@code target/} folder in the source tree is never touched.
 */
class ThelookProjectTest {

    private static final Path PROJECT = Path.of("..", "transform");

    @TempDir
    Path dir;

    @Test
    void everyModelAndTestOfTheTransformProjectPasses() throws Exception {
        Path project = dir.resolve("transform");
        copy(PROJECT, project);
        Path work = dir.resolve("work");
        Path warehouse = work.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(
                        work,
                        warehouse,
                        List.of(Table.values()),
                        new GeneratorSpec(42, 0.01, GeneratorSpec.DEFAULT_ANCHOR, 2)),
                event -> {});

        TransformResult result = Pipeline.transform(
                new TransformSpec(
                        work,
                        project,
                        project,
                        "local",
                        Map.of(),
                        List.of(),
                        TransformEngineKind.EMBEDDED,
                        null,
                        false,
                        Map.of("ECOMMERCE_WAREHOUSE", warehouse.toString()),
                        null,
                        null),
                event -> {});

        assertThat(result.nodes())
                .allSatisfy(node -> assertThat(node.status())
                        .as(node.uniqueId() + ": " + node.message())
                        .isIn(NodeResult.Status.SUCCESS, NodeResult.Status.PASS));
        long models;
        try (Stream<Path> files = Files.walk(PROJECT.resolve("models"))) {
            models = files.filter(f -> f.toString().endsWith(".sql")).count();
        }
        assertThat(result.nodes().stream()
                        .filter(n -> n.resourceType().equals("model"))
                        .count())
                .isEqualTo(models);
        assertThat(result.nodes().stream()
                        .filter(n -> n.resourceType().equals("test"))
                        .count())
                .isGreaterThan(50);
        assertThat(result.nodes().stream()
                        .filter(n -> n.resourceType().equals("unit_test"))
                        .count())
                .isGreaterThanOrEqualTo(5);
        // The run report draws every node and source of the project, in a small file.
        Path report = work.resolve("report.html");
        assertThat(Files.size(report)).isLessThan(2L * 1024 * 1024);
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(work.resolve("reports/manifest.json").toFile());
        assertThat(java.util.regex.Pattern.compile("data-node=\"")
                        .matcher(Files.readString(report))
                        .results()
                        .count())
                .isEqualTo(manifest.path("nodes").size()
                        + manifest.path("sources").size()
                        + manifest.path("unit_tests").size());
    }

    /** Copies the project without its {@code target/} and {@code logs/} folders. */
    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target") || relative.startsWith("logs")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
