package dev.ecommerce.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampsTest {

    private static final List<String> ROOTS = List.of("models", "dbt_project.yml", "missing");
    private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() throws Exception {
        write("models/a.sql", "select 1", OLD);
        write("models/sub/b.sql", "select 2", OLD);
        write("models/target/skipped.sql", "not stamped", OLD);
        write("dbt_project.yml", "name: p", OLD);
        write("elsewhere.txt", "not under a root", OLD);
    }

    private void write(String path, String text, Instant time) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private FileStamps stamps() throws Exception {
        return FileStamps.of(dir, ROOTS, Set.of("models/target"));
    }

    @Test
    void stampsTheFilesUnderTheRootsOnly() throws Exception {
        FileStamps stamps = stamps();

        assertThat(stamps.files())
                .extracting(FileStamps.Stamp::path)
                .containsExactlyInAnyOrder("dbt_project.yml", "missing", "models/a.sql", "models/sub/b.sql");
        assertThat(stamps.files())
                .filteredOn(stamp -> stamp.path().equals("missing"))
                .extracting(FileStamps.Stamp::size)
                .as("a missing root")
                .containsExactly(-1L);
        assertThat(stamps.settled()).as("old files are not racy").isTrue();
        assertThat(stamps.unchanged(dir, stamps())).isTrue();
    }

    @Test
    void anAddedRemovedResizedOrRetimedFileIsAChange() throws Exception {
        FileStamps before = stamps();

        write("models/c.sql", "select 3", OLD);
        assertThat(before.unchanged(dir, stamps())).as("added").isFalse();
        Files.delete(dir.resolve("models/c.sql"));
        assertThat(before.unchanged(dir, stamps())).isTrue();

        write("models/a.sql", "select 10", OLD);
        assertThat(before.unchanged(dir, stamps())).as("resized").isFalse();
        write("models/a.sql", "select 4", OLD.plusSeconds(1));
        assertThat(before.unchanged(dir, stamps()))
                .as("same size, another time")
                .isFalse();
        write("models/a.sql", "select 1", OLD);
        assertThat(before.unchanged(dir, stamps())).isTrue();

        Files.delete(dir.resolve("models/sub/b.sql"));
        assertThat(before.unchanged(dir, stamps())).as("removed").isFalse();

        write("missing", "now here", OLD);
        assertThat(before.unchanged(dir, stamps()))
                .as("a missing root appeared")
                .isFalse();
    }

    @Test
    void aRecentFileIsComparedByContentToo() throws Exception {
        Instant now = Instant.now();
        write("models/a.sql", "select 1", now);
        FileStamps before = stamps();
        assertThat(before.settled()).isFalse();
        assertThat(before.files())
                .filteredOn(stamp -> stamp.path().equals("models/a.sql"))
                .extracting(FileStamps.Stamp::sha256)
                .singleElement()
                .asString()
                .hasSize(64);

        // edited within the same time step, same size: only the content tells
        write("models/a.sql", "select 9", now);

        assertThat(before.unchanged(dir, stamps())).isFalse();
        write("models/a.sql", "select 1", now);
        assertThat(before.unchanged(dir, stamps())).isTrue();
    }

    @Test
    void aLinkedFolderIsStampedThroughItsLink() throws Exception {
        write("elsewhere/pkg/macros/m.sql", "{% macro m() %}1{% endmacro %}", OLD);
        Files.createSymbolicLink(dir.resolve("models/linked"), dir.resolve("elsewhere/pkg"));
        FileStamps before = stamps();
        assertThat(before.files()).extracting(FileStamps.Stamp::path).contains("models/linked/macros/m.sql");

        write("elsewhere/pkg/macros/m.sql", "{% macro m() %}22{% endmacro %}", OLD);

        assertThat(before.unchanged(dir, stamps())).isFalse();
    }

    @Test
    void aLinkBackToAFolderAboveIsAnError() throws Exception {
        Files.createSymbolicLink(dir.resolve("models/sub/loop"), dir.resolve("models"));

        org.assertj.core.api.Assertions.assertThatThrownBy(this::stamps)
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("links back to a folder above it");
    }
}
