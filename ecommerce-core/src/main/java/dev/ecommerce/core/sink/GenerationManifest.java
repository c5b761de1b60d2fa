package dev.ecommerce.core.sink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code _manifest.json} inside a generation of the local output folder: which run wrote the set and every
 * file of it, so that {@code <outputDirectory>/_manifest.json} says what a reader of the folder sees.
 *
 * @param generation the folder name under {@code <outputDirectory>.generations/}
 * @param previous the generation published before this one (kept until the next run), or null
 */
public record GenerationManifest(
        int formatVersion, String runId, String generation, String previous, String createdAt, List<Entry> files) {

    public static final String NAME = "_manifest.json";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One file of the set: its name in the folder, size, SHA-256 and rows. */
    public record Entry(String table, String format, String name, long bytes, String sha256, long rows) {}

    public GenerationManifest {
        files = List.copyOf(files);
    }

    /** The manifest of a generation folder, if it has a readable one. */
    public static Optional<GenerationManifest> read(Path folder) {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), GenerationManifest.class));
        } catch (IOException e) {
            return Optional.empty(); // an unreadable manifest marks an incomplete generation
        }
    }

    void write(Path folder) {
        AtomicFiles.write(folder.resolve(NAME), generation, temporary -> JSON.writeValue(temporary.toFile(), this));
    }
}
