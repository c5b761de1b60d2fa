package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** The names of the files sinks write, and the clean-up of the staging folders that only ever hold those. */
final class SinkFiles {

    private static final Set<String> NAMES = names();

    /** A staged partition of the s3 monthly layout: {@code <table>-YYYY-MM.<format>} or {@code <table>-none.<format>}. */
    private static final Pattern PARTITION = Pattern.compile("("
            + String.join("|", Arrays.stream(Table.values()).map(Table::sqlName).toList())
            + ")-(\\d{4}-\\d{2}|none)\\.("
            + String.join(
                    "|",
                    Arrays.stream(FileFormat.values())
                            .map(FileFormat::extension)
                            .toList())
            + ")");

    private SinkFiles() {}

    /**
     * {@code <table>.<format>}, {@code <table>__rejected.<format>}, a generation's {@code _manifest.json} or a
     * staged partition ({@link #partition}).
     */
    static boolean isSinkFile(Path file) {
        String name = file.getFileName().toString();
        return NAMES.contains(name) || PARTITION.matcher(name).matches();
    }

    /**
     * The staged file of one partition of the s3 monthly layout: {@code <table>-<label>.<format>}, or
     * {@code <table>.<format>} for a table staged whole ({@code label} null).
     */
    static String partition(Table table, String label, FileFormat format) {
        return table.sqlName() + (label == null ? "" : "-" + label) + "." + format.extension();
    }

    /** A temporary file of {@link AtomicFiles} or a temporary link: {@code .<name>.<id>.tmp}. */
    static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * Runs a destination's work between two clean-ups of its staging folder: what a killed run left goes
     * first, this run's staged files when it ends, whether it succeeded or not.
     */
    static void staging(Path folder, Runnable work) {
        clearStaging(folder);
        try {
            work.run();
        } finally {
            clearStaging(folder);
        }
    }

    /**
     * Deletes the files a destination staged, and temporary files a killed run left, from a staging folder;
     * anything else in it stays. Best effort: a file that cannot be deleted is logged and left for the next run.
     */
    private static void clearStaging(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> isSinkFile(p) || isTemporary(p))
                    .toList();
        } catch (IOException e) {
            LoggerFactory.getLogger(SinkFiles.class)
                    .warn("Cannot list the staging folder {}: {}", folder, e.getMessage());
            return;
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LoggerFactory.getLogger(SinkFiles.class).warn("Cannot delete {}: {}", file, e.getMessage());
            }
        }
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(Set.of(GenerationManifest.NAME));
        for (Table table : Table.values()) {
            for (FileFormat format : FileFormat.values()) {
                names.add(table.sqlName() + "." + format.extension());
                names.add(Warehouse.rejectedName(table) + "." + format.extension());
            }
        }
        return Set.copyOf(names);
    }
}
