package dev.ecommerce.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local destination's output folder: its generations, the folder of earlier versions, bad folders. */
class LocalFilesDestinationTest {

    @TempDir
    static Path shared;

    private static Path work;

    @TempDir
    Path dir;

    @BeforeAll
    static void ingest() {
        work = shared.resolve("work");
        Fixtures.ingest(work, 0.002);
    }

    private static Pipeline.SinkResult sink(Path out) {
        return Pipeline.sink(
                new SinkSpec(
                        work,
                        work.resolve("warehouse.duckdb"),
                        List.of(Table.USERS),
                        List.of(new LocalDestinationSpec(out, Set.of(FileFormat.CSV)))),
                ProgressListener.NONE);
    }

    @Test
    void aPlainFileAsOutputDirectoryIsAConfigurationErrorNamingTheSetting() throws IOException {
        Path file = dir.resolve("out");
        Files.writeString(file, "mine");

        assertThatThrownBy(() -> sink(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.OUTPUT_DIRECTORY.ref() + " " + file)
                .hasMessageContaining("is a file, not a folder");
        assertThat(file).hasContent("mine");
    }

    @Test
    void aReadOnlyOutputFolderIsNamedWithItsSettingNotTheWarehouse() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("users.csv"), "old");
        try {
            makeReadOnly(out);
            assumeFalse(Files.isWritable(out), "the folder cannot be made read-only for this user");

            assertThatThrownBy(() -> sink(out))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Cannot write the output folder " + out)
                    .hasMessageContaining(Setting.OUTPUT_DIRECTORY.ref())
                    .hasMessageNotContaining("in the warehouse");
        } finally {
            makeWritable(out);
        }
        assertThat(out.resolve("users.csv")).hasContent("old");
    }

    @Test
    void aFolderOfAnEarlierVersionIsMovedAsideOnceAndKeptUntilTheNextRun() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("users.csv"), "old");
        Files.writeString(out.resolve(".users.parquet.0b9e.tmp"), ""); // what a killed run left

        sink(out);

        assertThat(Files.isSymbolicLink(out)).isTrue();
        assertThat(Files.readAllLines(out.resolve("users.csv"))).hasSize(1 + 200);
        GenerationManifest published = GenerationManifest.read(out).orElseThrow();
        Path aside = dir.resolve("out.generations").resolve(published.previous());
        assertThat(names(aside)).containsExactly("users.csv");
        assertThat(aside.resolve("users.csv")).hasContent("old");
        assertThat(names(dir.resolve("out.generations")))
                .containsExactlyInAnyOrder(published.generation(), published.previous());

        sink(out);

        GenerationManifest next = GenerationManifest.read(out).orElseThrow();
        assertThat(next.previous()).isEqualTo(published.generation());
        assertThat(names(dir.resolve("out.generations")))
                .containsExactlyInAnyOrder(next.generation(), published.generation());
        assertThat(names(dir)).containsExactlyInAnyOrder("out", "out.generations");
    }

    @Test
    void aFolderWithFilesTheSinkDidNotWriteIsLeftAlone() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("users.csv"), "old");

        assertThatThrownBy(() -> sink(out))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("holds files the sink did not write (notes.txt)")
                .hasMessageContaining(Setting.OUTPUT_DIRECTORY.ref());
        assertThat(Files.isSymbolicLink(out)).isFalse();
        assertThat(names(out)).containsExactlyInAnyOrder("notes.txt", "users.csv");
    }

    @Test
    void withoutSymbolicLinksTheFolderIsReplacedByRenamingFolders() throws IOException {
        Path out = dir.resolve("out");
        String[] names = new String[3];
        for (int run = 0; run < 3; run++) {
            OutputGenerations generations = OutputGenerations.open(out, false);
            SinkListener.Generation generation = generations.begin();
            Path file = generation.folder().resolve("users.csv");
            Files.writeString(file, "run " + run);
            generations.publish(
                    generation,
                    "run-" + run,
                    List.of(new GenerationManifest.Entry(
                            "users", "csv", "users.csv", Files.size(file), AtomicFiles.sha256(file), 1)),
                    new SinkListener() {
                        @Override
                        public void written(OutputFile file) {}

                        @Override
                        public void published(SinkListener.Generation shown) {
                            assertThat(shown.folder())
                                    .as("where the files are now")
                                    .isEqualTo(out);
                        }
                    });
            names[run] = generation.name();

            assertThat(Files.isSymbolicLink(out)).isFalse();
            assertThat(out.resolve("users.csv")).hasContent("run " + run);
            GenerationManifest manifest = GenerationManifest.read(out).orElseThrow();
            assertThat(manifest.generation()).isEqualTo(names[run]);
            assertThat(manifest.runId()).isEqualTo("run-" + run);
            assertThat(manifest.previous()).isEqualTo(run == 0 ? null : names[run - 1]);
            // The generations folder keeps only the one before.
            assertThat(names(dir.resolve("out.generations")))
                    .containsExactlyElementsOf(run == 0 ? List.of() : List.of(names[run - 1]));
        }
        assertThat(dir.resolve("out.generations").resolve(names[1]).resolve("users.csv"))
                .hasContent("run 1");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** chmod 555, and for root, who ignores modes, the immutable attribute where the system allows it. */
    private static void makeReadOnly(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(folder)) {
            chattr("+i", folder);
        }
    }

    private static void makeWritable(Path folder) throws IOException {
        chattr("-i", folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void chattr(String flag, Path folder) {
        try {
            Process chattr = new ProcessBuilder("chattr", flag, folder.toString())
                    .redirectErrorStream(true)
                    .start();
            chattr.getInputStream().readAllBytes();
            chattr.waitFor();
        } catch (IOException e) {
            // no chattr here: the test is skipped when the folder stays writable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
