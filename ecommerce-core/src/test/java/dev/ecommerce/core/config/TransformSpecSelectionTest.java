package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the transform spec reads dbt's selection arguments: whitespace separates them, a comma does not. */
class TransformSpecSelectionTest {

    @TempDir
    Path dir;

    private TransformSpec spec(List<String> select, List<String> exclude, Path state) throws Exception {
        Files.writeString(dir.resolve("dbt_project.yml"), "name: x\nprofile: x\n");
        return new TransformSpec(
                dir.resolve("work"),
                dir,
                null,
                null,
                Map.of(),
                select,
                null,
                null,
                false,
                Map.of(),
                null,
                null,
                exclude,
                state);
    }

    @Test
    void whitespaceSeparatesArgumentsAndACommaJoinsCriteria() throws Exception {
        TransformSpec spec = spec(
                List.of(" +orders  tag:nightly,config.materialized:table\n", "users+"),
                Arrays.asList("tag:slow", null, "  "),
                Path.of("state"));

        assertThat(spec.select()).containsExactly("+orders", "tag:nightly,config.materialized:table", "users+");
        assertThat(spec.exclude()).containsExactly("tag:slow");
        assertThat(spec.stateDirectory())
                .isEqualTo(Path.of("state").toAbsolutePath().normalize());
    }

    @Test
    void nothingGivenIsNoSelectionExclusionOrState() throws Exception {
        TransformSpec spec = spec(null, null, null);

        assertThat(spec.select()).isEmpty();
        assertThat(spec.exclude()).isEmpty();
        assertThat(spec.stateDirectory()).isNull();
    }
}
