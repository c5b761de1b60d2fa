package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files read ahead on all cores, or each when its turn comes: the same values, and each failure in its turn. */
class ProjectFilesTest {

    @TempDir
    Path root;

    @ParameterizedTest(name = "parallel: {0}")
    @ValueSource(booleans = {true, false})
    void filesReadAheadAreTheFilesAndAFailureWaitsForItsTurn(boolean parallel) throws IOException {
        Files.createDirectories(root.resolve("models/deep"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(root.resolve("models/deep/m" + i + ".sql"), "select " + i);
            Files.writeString(
                    root.resolve("models/deep/s" + i + ".yml"), "version: 2\nmodels:\n  - name: m" + i + "\n");
        }
        Files.writeString(root.resolve("models/broken.yml"), "models: [unclosed\n");
        ProjectFiles files = new ProjectFiles(root, parallel);
        files.prefetch(List.of("models"), List.of("seeds"), List.of("snapshots"));

        List<Path> yaml = files.yamlFiles(root.resolve("models"));
        assertThat(yaml).hasSize(41).startsWith(root.resolve("models/broken.yml"));
        // the broken file, first in order, fails when it is taken, and only then; the others read as written
        assertThatThrownBy(() -> files.parsedYaml(yaml.get(0), "models/broken.yml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/broken.yml is not valid YAML");
        for (int i = 0; i < 40; i++) {
            Path schema = root.resolve("models/deep/s" + i + ".yml");
            assertThat(files.parsedYaml(schema, "s" + i))
                    .isEqualTo(Map.of("version", 2, "models", List.of(Map.of("name", "m" + i))));
            assertThat(files.text(root.resolve("models/deep/m" + i + ".sql"))).isEqualTo("select " + i);
        }
        assertThat(files.files(root.resolve("models"), ".sql")).hasSize(40);
        assertThat(files.files(root.resolve("seeds"), ".csv")).isEmpty();
    }
}
