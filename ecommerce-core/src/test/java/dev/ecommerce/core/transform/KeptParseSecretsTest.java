package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A static profiles.yml (no Jinja, no secrets:, no settings:) is kept with the parse; a path that may hold a
 * MotherDuck token ({@code md:db?motherduck_token=...}, which {@link
 * dev.ecommerce.core.transform.project.Profile#displayPath} hides in messages) is not: it never lands in target/.
 */
class KeptParseSecretsTest {

    @TempDir
    Path dir;

    @Test
    void aTokenInTheProfilesPathIsNotWrittenToTarget() throws Exception {
        Files.writeString(dir.resolve("dbt_project.yml"), "name: test\nprofile: test\nconfig-version: 2\n");
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/a.sql"), "select 1 as n");
        Path profiles = Files.createDirectories(dir.resolve("home"));
        Files.writeString(profiles.resolve("profiles.yml"), """
                test:
                  target: prod
                  outputs:
                    prod:
                      type: duckdb
                      path: md:my_db?motherduck_token=SECRET-TOKEN-123
                      schema: main
                """);
        TransformSpec spec = new TransformSpec(
                dir.resolve("work"),
                dir,
                profiles,
                null,
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                Map.of(),
                null,
                null,
                List.of(),
                null);
        LoadedProject project = LoadedProject.load(spec);
        Planner.Parsed parsed = new Planner(project).parse();
        project.keep(parsed).join();

        Path kept = dir.resolve("target").resolve(PartialParse.FILE);
        assertThat(kept).isRegularFile();
        assertThat(new String(Files.readAllBytes(kept), StandardCharsets.ISO_8859_1))
                .contains("models/a.sql") // the parse is kept, the profile not
                .doesNotContain("SECRET-TOKEN-123")
                .doesNotContain("motherduck_token");
    }
}
