package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's build, which the kept parse and the render cache trust only for themselves: a class compiled again
 * in a folder of classes (a reactor build, an IDE) is another build, though the folder's own time stays.
 */
class EngineVersionTest {

    @TempDir
    Path dir;

    @Test
    void aClassCompiledAgainInAFolderIsAnotherBuild() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/dev/ecommerce"));
        Path planner = Files.writeString(classes.resolve("Planner.class"), "v1");
        Files.writeString(classes.resolve("Other.class"), "v1");
        FileTime folder = Files.getLastModifiedTime(dir.resolve("classes"));
        Files.setLastModifiedTime(planner, FileTime.fromMillis(1_700_000_000_000L));
        Files.setLastModifiedTime(classes.resolve("Other.class"), FileTime.fromMillis(1_700_000_000_000L));
        String before = PartialParse.engineVersion(dir.resolve("classes"));

        Files.setLastModifiedTime(planner, FileTime.fromMillis(1_700_000_060_000L));
        Files.setLastModifiedTime(dir.resolve("classes"), folder);

        assertThat(PartialParse.engineVersion(dir.resolve("classes")))
                .isNotEqualTo(before)
                .endsWith("@1700000060000");
    }

    @Test
    void aJarIsItsTime() throws Exception {
        Path jar = Files.writeString(dir.resolve("engine.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));

        assertThat(PartialParse.engineVersion(jar)).isEqualTo(jar + "@1700000000000");
    }
}
