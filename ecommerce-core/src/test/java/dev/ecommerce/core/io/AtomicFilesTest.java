package dev.ecommerce.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesWholeFilesWithSizeAndChecksum() throws IOException {
        Path target = dir.resolve("a.csv");
        AtomicFiles.Written written =
                AtomicFiles.write(target, "run1", tmp -> Files.writeString(tmp, "abc", StandardCharsets.UTF_8));
        assertThat(target).hasContent("abc");
        assertThat(written.bytes()).isEqualTo(3);
        assertThat(written.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteKeepsTheGoodFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("a.csv");
        Files.writeString(target, "good");
        assertThatThrownBy(() -> AtomicFiles.write(target, "run2", tmp -> {
                    Files.writeString(tmp, "half");
                    throw new IOException("disk full");
                }))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("disk full")
                .hasMessageContaining("a.csv");
        assertThat(target).hasContent("good");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void pathsCannotEscapeTheirFolder() {
        assertThat(AtomicFiles.resolveInside(dir, "users.csv"))
                .isEqualTo(dir.toAbsolutePath().resolve("users.csv"));
        for (String escape : new String[] {"../users.csv", "a/../../users.csv", "/etc/passwd", "."}) {
            assertThatThrownBy(() -> AtomicFiles.resolveInside(dir, escape))
                    .as(escape)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("escapes its folder");
        }
    }
}
