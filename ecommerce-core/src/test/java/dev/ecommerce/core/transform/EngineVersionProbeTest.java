package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

/**
 * Review probe: the kept parse (and the render cache) trust {@link PartialParse#engineVersion}, the code
 * source's path and modification time. Run from a classes folder (a reactor build, an IDE), that folder's time
 * does not change when a class under it is recompiled: another build of the engine is trusted.
 */
class EngineVersionProbeTest {

    @Test
    void aRecompiledClassChangesTheEngineVersion() throws Exception {
        Path code = Path.of(PartialParse.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assumeTrue(Files.isDirectory(code), "run from a classes folder");
        Path planner = code.resolve(Planner.class.getName().replace('.', '/') + ".class");
        FileTime before = Files.getLastModifiedTime(planner);
        String version = PartialParse.engineVersion();
        try {
            // what recompiling Planner does to the folder: a class file under it rewritten
            Files.setLastModifiedTime(planner, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            assertThat(PartialParse.engineVersion()).isNotEqualTo(version);
        } finally {
            Files.setLastModifiedTime(planner, before);
        }
    }
}
