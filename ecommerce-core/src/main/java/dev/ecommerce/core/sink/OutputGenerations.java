package dev.ecommerce.core.sink;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.Setting;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local output folder as one set of files that changes in one step. {@code <out>} is a symbolic link to
 * {@code <out>.generations/<generation>/}: a run writes a new generation beside the published one, syncs it
 * to disk, and publishes it by renaming a new link over {@code <out>} (rename(2) replaces a link atomically).
 * A reader of {@code <out>} sees one run's complete files or the previous run's, never a mix. The previous
 * generation stays until the next run, for readers that resolved the old link; older generations,
 * unpublished ones and the temporary files of a killed run are deleted when a run starts and when it ends.
 *
 * <p>A real folder found at {@code <out>} (written before generations existed) is moved into the
 * generations folder once, at the first publish, when it holds only files the sink writes; otherwise the
 * run fails before it writes anything, so that no one's files are moved or deleted.
 *
 * <p>Where the file system cannot make symbolic links (Windows without the privilege to create them),
 * {@code <out>} stays a real folder and a generation is published by two renames: the published folder
 * moves into the generations folder, then the new one takes its place. A reader may then find no folder for
 * an instant, but never a mix. Linux and macOS, where CI runs, always take the link path.
 *
 * @param output the folder readers see
 * @param root the generations folder beside it
 * @param links whether generations are published by a link (else by two renames)
 * @param current the published generation's name, or null
 * @param previous the generation before it, kept for readers of the old link, or null
 */
record OutputGenerations(Path output, Path root, boolean links, String current, String previous) {

    static final String SUFFIX = ".generations";

    private static final Logger LOG = LoggerFactory.getLogger(OutputGenerations.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern GENERATION = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}");
    private static final String SETTING = Setting.OUTPUT_DIRECTORY.ref();

    /**
     * Checks the output folder, finds the published generation and deletes what earlier runs left.
     *
     * @throws ConfigurationException when {@code output} is a file, cannot be written, or is a folder with
     *     files the sink did not write
     */
    static OutputGenerations open(Path output) {
        return open(output, null);
    }

    /** {@code links} null: use symbolic links when the file system can make them (tests force either way). */
    static OutputGenerations open(Path outputDirectory, Boolean links) {
        Path output = outputDirectory.toAbsolutePath().normalize();
        Path parent = output.getParent();
        Path root = parent.resolve(output.getFileName() + SUFFIX);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ConfigurationException(SETTING + " " + output + " is a file, not a folder: point"
                    + " it at a folder (it is created when missing) or move the file away.");
        }
        if (Files.exists(root) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigurationException("The sink keeps the generations of " + SETTING + " " + output + " in "
                    + root + ", which is a file: move it away.");
        }
        try {
            Files.createDirectories(parent);
            Files.createDirectories(root);
            Files.delete(Files.createFile(temporary(output)));
        } catch (IOException e) {
            throw unwritable(output, e);
        }
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(output)) {
            throw unwritable(output, new AccessDeniedException(output.toString()));
        }
        boolean useLinks = links != null ? links : Files.isSymbolicLink(output) || canLink(parent, output);
        String current = null;
        if (Files.isSymbolicLink(output)) {
            current = linkedGeneration(output, root).orElse(null);
        } else if (Files.isDirectory(output)) {
            requireOnlySinkFiles(output);
            current = GenerationManifest.read(output)
                    .map(GenerationManifest::generation)
                    .filter(name -> GENERATION.matcher(name).matches())
                    .orElse(null);
        }
        String previous = current == null
                ? null
                : GenerationManifest.read(root.resolve(current))
                        .or(() -> GenerationManifest.read(output))
                        .map(GenerationManifest::previous)
                        .orElse(null);
        OutputGenerations generations = new OutputGenerations(output, root, useLinks, current, previous);
        generations.clean(current, previous);
        return generations;
    }

    /** Creates the folder of a new, unpublished generation. */
    SinkListener.Generation begin() {
        String name =
                STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = root.resolve(name);
        try {
            Files.createDirectory(folder);
        } catch (IOException e) {
            throw unwritable(output, e);
        }
        return new SinkListener.Generation(name, folder, output);
    }

    /**
     * Writes the generation's manifest, syncs its files, and makes it what {@code <out>} shows; then deletes
     * all generations but this one and the one it replaced.
     */
    void publish(
            SinkListener.Generation generation,
            String runId,
            List<GenerationManifest.Entry> files,
            SinkListener listener) {
        String replaced = Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS) ? asideName() : current;
        new GenerationManifest(
                        GenerationManifest.FORMAT_VERSION,
                        runId,
                        generation.name(),
                        replaced,
                        Instant.now().toString(),
                        files)
                .write(generation.folder());
        try {
            syncTree(generation.folder());
            sync(root);
            listener.staged(generation);
            moveRealFolderAside(replaced);
            if (links) {
                Path link = temporary(output);
                Files.createSymbolicLink(link, output.getParent().relativize(generation.folder()));
                Files.move(link, output, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(generation.folder(), output, StandardCopyOption.ATOMIC_MOVE);
            }
            sync(output.getParent());
        } catch (IOException e) {
            throw new InfrastructureException(
                    "Cannot publish " + generation.folder() + " as " + output + ": " + e.getMessage(), e);
        }
        listener.published(links ? generation : new SinkListener.Generation(generation.name(), output, output));
        clean(generation.name(), replaced);
    }

    /** Deletes a generation that will not be published (the run failed); best effort. */
    void discard(SinkListener.Generation generation) {
        boolean shown =
                linkedGeneration(output, root).filter(generation.name()::equals).isPresent();
        if (!shown && !generation.name().equals(current) && !generation.name().equals(previous)) {
            deleteTree(generation.folder());
        }
    }

    private String asideName() {
        return GenerationManifest.read(output)
                .map(GenerationManifest::generation)
                .filter(name -> GENERATION.matcher(name).matches() && !Files.exists(root.resolve(name)))
                .orElseGet(() -> STAMP.format(Instant.EPOCH) + "-"
                        + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A real folder at {@code <out>} moves into the generations folder as the previous generation. */
    private void moveRealFolderAside(String name) throws IOException {
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        requireOnlySinkFiles(output);
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.filter(SinkFiles::isTemporary).toList()) {
                Files.deleteIfExists(file);
            }
        }
        try {
            Files.move(output, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw unwritable(output, e);
        }
    }

    /** Deletes every generation but {@code keep} and {@code previous}, and temporary links; best effort. */
    private void clean(String keep, String alsoKeep) {
        Set<String> kept = new HashSet<>();
        kept.add(keep);
        kept.add(alsoKeep);
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> GENERATION.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !kept.contains(p.getFileName().toString()))
                    .forEach(stale::add);
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", root, e.getMessage());
        }
        String linkPrefix = "." + output.getFileName() + ".";
        try (Stream<Path> entries = Files.list(output.getParent())) {
            entries.filter(p -> p.getFileName().toString().startsWith(linkPrefix) && SinkFiles.isTemporary(p))
                    .forEach(stale::add);
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", output.getParent(), e.getMessage());
        }
        stale.forEach(OutputGenerations::deleteTree);
    }

    /** The generation a link names, when it points into the generations folder. */
    private static Optional<String> linkedGeneration(Path output, Path root) {
        try {
            Path target =
                    output.getParent().resolve(Files.readSymbolicLink(output)).normalize();
            String name = target.getFileName().toString();
            return root.equals(target.getParent()) && GENERATION.matcher(name).matches()
                    ? Optional.of(name)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Fails when a real output folder holds anything the sink does not write: it will be moved and deleted. */
    private static void requireOnlySinkFiles(Path output) {
        List<String> foreign;
        try (Stream<Path> entries = Files.list(output)) {
            foreign = entries.filter(p -> !(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && (SinkFiles.isSinkFile(p) || SinkFiles.isTemporary(p))))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw unwritable(output, e);
        }
        if (!foreign.isEmpty()) {
            throw new ConfigurationException("The output folder " + output + " (" + SETTING + ") holds files the"
                    + " sink did not write (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", ..." : "") + "). The sink replaces the whole folder with each run's"
                    + " set of files: move them elsewhere or choose another folder.");
        }
    }

    /** A temporary name beside the output folder, for links and probes; the next run deletes leftovers. */
    private static Path temporary(Path output) {
        return output.resolveSibling("." + output.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static ConfigurationException unwritable(Path output, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException denied) {
            reason = denied.getFile() + " is read-only";
        } else if (e instanceof FileSystemException f) {
            reason = f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        } else {
            reason = e.toString();
        }
        return new ConfigurationException(
                "Cannot write the output folder " + output + " (" + SETTING + "): " + reason
                        + ". Make it and the folder that holds it writable, or choose another folder.",
                e);
    }

    /** True when the file system of {@code parent} makes symbolic links. */
    private static boolean canLink(Path parent, Path output) {
        Path probe = temporary(output);
        try {
            Files.createSymbolicLink(probe, Path.of(output.getFileName() + SUFFIX));
            return true;
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("No symbolic links in {} ({}): publishing by renaming folders", parent, e.toString());
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe is a temporary link the next run deletes
            }
        }
    }

    private static void syncTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
        sync(folder);
    }

    /** Syncs a folder's entries to disk; a platform that cannot open a folder (Windows) skips it. */
    private static void sync(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot sync {}: {}", folder, e.toString());
        }
    }

    private static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }
}
