package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.sink.GenerationManifest;
import dev.ecommerce.core.testing.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local output folder as a set, proven by really killing a build: run 1 (seed 1) completes, run 2 (seed
 * 2) runs in a forked JVM and gets SIGKILL at a point of its sink, then every file under {@code out/} must
 * belong to one complete generation of one run, and run 3 (the sink again) must leave no temporary file and
 * no generation but the one it published and the one before.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SinkKillTest {

    private static final int FILES = SinkKillChild.TABLES.size() * 2;

    /** A run's ingest: its id and the rows of each table, which its files must hold. */
    private record Run(String runId, Map<String, Long> rows) {}

    @TempDir
    static Path shared;

    /** Run 1, done once: every scenario starts from a copy of its work folder. */
    private static Path template;

    private static Run first;

    @TempDir
    Path dir;

    @BeforeAll
    static void firstRun() {
        template = shared.resolve("work");
        first = inProcess(template, 1);
    }

    /**
     * The points: after the first file of the new generation ({@code file:1}), after three of seven tables
     * ({@code file:6}), while files are still being written ({@code file:3:go}: the child does not wait, so
     * the kill lands during a later COPY), after every file but before the switch ({@code staged}), right
     * after the switch before manifest.json is written ({@code published}).
     */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"file:1", "file:6", "file:3:go", "staged", "published"})
    void aKilledSinkLeavesOneRunsCompleteFilesAndTheNextRunCleansUp(String point) throws Exception {
        Path work = copy(template, dir.resolve("work"));
        GenerationManifest firstSet = assertOneCompleteSet(work.resolve("out"), first);
        assertThat(generations(work)).containsExactly(firstSet.generation());

        Run second = forkAndKill(work, 2, point);

        GenerationManifest shown;
        if (point.equals("published")) {
            shown = assertOneCompleteSet(work.resolve("out"), second);
            assertThat(shown.previous()).isEqualTo(firstSet.generation());
            // A reader that resolved the old link still reads run 1's whole set.
            assertOneCompleteSet(work.resolve("out.generations").resolve(firstSet.generation()), first);
        } else if (point.endsWith(":go")) {
            // Wherever the kill landed, out/ is one run's complete set.
            GenerationManifest any =
                    GenerationManifest.read(work.resolve("out")).orElseThrow();
            shown = assertOneCompleteSet(work.resolve("out"), any.runId().equals(first.runId()) ? first : second);
        } else {
            shown = assertOneCompleteSet(work.resolve("out"), first);
            assertThat(shown).isEqualTo(firstSet);
            assertThat(generations(work))
                    .as("run 2's unpublished generation is still there until the next run")
                    .hasSize(2)
                    .contains(firstSet.generation());
        }
        // Run 2's ingest started a new manifest: it names run 2, and its killed sink added no sink section
        // (out/_manifest.json says which run out/ shows).
        RunManifest manifest = RunManifest.read(work).orElseThrow();
        assertThat(manifest.runId()).isEqualTo(second.runId());
        assertThat(manifest.ingest().source()).containsEntry("seed", 2);
        assertThat(manifest.sink()).isNull();

        // Run 3 sinks run 2's warehouse again, without the kill.
        SinkKillChild.sink(work, ProgressListener.NONE);

        GenerationManifest last = assertOneCompleteSet(work.resolve("out"), second);
        assertThat(last.previous()).isEqualTo(shown.generation());
        assertThat(generations(work)).containsExactlyInAnyOrder(last.generation(), shown.generation());
        assertThat(temporaryFiles(work)).isEmpty();
        RunManifest.Sink sink = RunManifest.read(work).orElseThrow().sink();
        assertThat(sink.generation().name()).isEqualTo(last.generation());
        assertThat(sink.generation().folder()).isEqualTo("out.generations/" + last.generation());
        assertThat(sink.files()).hasSize(FILES);
        for (RunManifest.FileEntry entry : sink.files()) {
            Path file = work.resolve(entry.location());
            assertThat(AtomicFiles.sha256(file)).as(entry.location()).isEqualTo(entry.sha256());
        }
    }

    /** A copy of a work folder; links stay links. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return to;
    }

    /** Ingest and sink in this JVM. */
    private static Run inProcess(Path work, long seed) {
        Pipeline.IngestResult ingest = SinkKillChild.ingest(work, seed);
        SinkKillChild.sink(work, ProgressListener.NONE);
        Map<String, Long> rows = new LinkedHashMap<>();
        ingest.tables().forEach(t -> rows.put(t.table().sqlName(), t.rows()));
        return new Run(ingest.runId(), rows);
    }

    /** Runs {@link SinkKillChild} in a new JVM, waits until it reaches the point, and kills it with SIGKILL. */
    private Run forkAndKill(Path work, long seed, String point) throws IOException, InterruptedException {
        Path err = dir.resolve("child.err");
        Process child = ForkedJvm.start(SinkKillChild.class, err, work.toString(), Long.toString(seed), point);
        String runId = null;
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String line : ForkedJvm.killWhenStopped(child, err, point)) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "RUN" -> runId = words[1];
                case "ROWS" -> rows.put(words[1], Long.parseLong(words[2]));
                default -> {}
            }
        }
        return new Run(runId, rows);
    }

    /**
     * Checks that {@code folder} holds exactly one generation's files, all of one run: the files its
     * manifest lists and nothing else, each with its size, SHA-256 and the rows that run ingested.
     */
    private static GenerationManifest assertOneCompleteSet(Path folder, Run run) throws IOException, SQLException {
        GenerationManifest manifest = GenerationManifest.read(folder).orElseThrow();
        assertThat(manifest.runId()).isEqualTo(run.runId());
        assertThat(folder.toRealPath().getFileName().toString()).isEqualTo(manifest.generation());
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        Set<String> expected = new HashSet<>(Set.of(GenerationManifest.NAME));
        manifest.files().forEach(e -> expected.add(e.name()));
        assertThat(names).isEqualTo(expected).hasSize(FILES + 1);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (GenerationManifest.Entry entry : manifest.files()) {
                Path file = folder.resolve(entry.name());
                assertThat(entry.name()).isEqualTo(entry.table() + "." + entry.format());
                assertThat(Files.size(file)).as(entry.name()).isEqualTo(entry.bytes());
                assertThat(AtomicFiles.sha256(file)).as(entry.name()).isEqualTo(entry.sha256());
                assertThat(entry.rows()).as(entry.name()).isEqualTo(run.rows().get(entry.table()));
                assertThat(rows(duck, file, entry.format())).as(entry.name()).isEqualTo(entry.rows());
            }
        }
        return manifest;
    }

    private static long rows(Connection duck, Path file, String format) throws SQLException {
        String reader = format.equals("csv") ? "read_csv(?, header = true)" : "read_parquet(?)";
        try (PreparedStatement count = duck.prepareStatement("SELECT count(*) FROM " + reader)) {
            count.setString(1, file.toString());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> generations(Path work) throws IOException {
        try (Stream<Path> folders = Files.list(work.resolve("out.generations"))) {
            return folders.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> temporaryFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }
}
