package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code basic/test_empty.py}: a project with nothing in it builds nothing and still writes
 * {@code run_results.json} (the suite's catalog step, {@code dbt docs generate}, is no part of a build).
 */
class BasicEmptyTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyProjectRunsNothingAndWritesItsArtifacts() throws Exception {
        DbtTestProject project = new DbtTestProject(dir);

        TransformResult result = project.build();

        assertThat(result.nodes()).isEmpty();
        assertThat(result.succeeded()).isTrue();
        JsonNode runResults = new ObjectMapper()
                .readTree(dir.resolve("target/run_results.json").toFile());
        assertThat(runResults.path("results")).isEmpty();
        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        assertThat(manifest.path("nodes")).isEmpty();
        assertThat(manifest.path("sources")).isEmpty();
        assertThat(Files.exists(dir.resolve("target/catalog.json"))).isFalse();
    }
}
