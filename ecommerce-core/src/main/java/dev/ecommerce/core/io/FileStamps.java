package dev.ecommerce.core.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the files under some folders were at one moment, to tell later whether any was added, removed or
 * changed without reading them all: each file's path, size and modification time, as git's index and make do.
 *
 * <p>A file changed within {@link #RACY_MILLIS} before the stamps were taken could change again with the same
 * size and time (file systems keep times in steps, some in whole seconds): such a "racy" file also gets its
 * content's SHA-256, compared when the stamps are, as git does for racily clean entries. Stamps of freshly
 * written files therefore cost a read; a run a few seconds later does not.
 *
 * @param files the files found, in the order their folders list them (compared by path, in any order); a missing
 *     root is a file of size -1
 */
public record FileStamps(List<Stamp> files) {

    /** How recent a file's time must be for it to be racy. */
    static final long RACY_MILLIS = 2_000;

    /**
     * One file.
     *
     * @param path its path relative to the base folder, with {@code /}
     * @param modifiedMicros its modification time in microseconds since 1970
     * @param sha256 its content's hash when it was racy, else null
     */
    public record Stamp(String path, long size, long modifiedMicros, String sha256) {}

    public FileStamps {
        files = List.copyOf(files);
    }

    /**
     * Stamps every regular file under {@code roots} (folders or files, relative to {@code base}); the folders in
     * {@code skipped} (relative to {@code base}: the artifacts' folder, say) are left out.
     */
    public static FileStamps of(Path base, List<String> roots, Set<String> skipped) throws IOException {
        long now = System.currentTimeMillis();
        List<Stamp> stamps = new ArrayList<>();
        for (String root : roots) {
            Path start = base.resolve(root);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(start, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                stamps.add(new Stamp(root, -1, 0, null));
                continue;
            }
            if (!attributes.isDirectory()) {
                stamps.add(stamp(relative(base, start), start, attributes, now));
                continue;
            }
            walk(start, relative(base, start), skipped, now, new java.util.HashSet<>(), stamps);
        }
        return new FileStamps(stamps);
    }

    /**
     * Stamps the files under {@code dir} in the order the folder lists them. Paths are built by appending names: relativizing 10,000 paths costs a
     * tenth of a second in a fresh JVM. Links are followed (a package `dbt deps` linked into dbt_packages/ is
     * stamped too); a link back to a folder above is an error.
     */
    private static void walk(
            Path dir, String folder, Set<String> skipped, long now, Set<Object> above, List<Stamp> stamps)
            throws IOException {
        Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        if (key != null && !above.add(key)) {
            throw new IOException(dir + " links back to a folder above it");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String path = folder.isEmpty() ? entry.getFileName().toString() : folder + "/" + entry.getFileName();
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                if (attributes.isDirectory()) {
                    if (!skipped.contains(path)) {
                        walk(entry, path, skipped, now, above, stamps);
                    }
                } else if (attributes.isRegularFile()) {
                    stamps.add(stamp(path, entry, attributes, now));
                }
            }
        }
        above.remove(key);
    }

    /**
     * Whether the files under {@code base} are still as stamped here: the same paths, sizes and times, and a
     * racy file's content the same.
     */
    public boolean unchanged(Path base, FileStamps now) throws IOException {
        Set<String> changed = changed(base, now);
        return changed != null && changed.isEmpty();
    }

    /**
     * The paths of the files stamped here that changed since (size, time, a racy file's content); null when files
     * were added or removed.
     */
    public Set<String> changed(Path base, FileStamps now) throws IOException {
        if (files.size() != now.files.size()) {
            return null;
        }
        java.util.Map<String, Stamp> current = new java.util.HashMap<>(files.size() * 2);
        now.files.forEach(stamp -> current.put(stamp.path(), stamp));
        Set<String> changed = new java.util.LinkedHashSet<>();
        for (Stamp before : files) {
            Stamp after = current.get(before.path());
            if (after == null) {
                return null;
            }
            if (before.size() != after.size()
                    || before.modifiedMicros() != after.modifiedMicros()
                    || (before.sha256() != null
                            && !before.sha256()
                                    .equals(
                                            after.sha256() != null
                                                    ? after.sha256()
                                                    : sha256(base.resolve(before.path()))))) {
                changed.add(before.path());
            }
        }
        return changed;
    }

    /** Whether no file was stamped racy: stamps taken again later would hash nothing. */
    public boolean settled() {
        return files.stream().allMatch(f -> f.sha256() == null);
    }

    private static Stamp stamp(String path, Path file, BasicFileAttributes attributes, long now) throws IOException {
        long micros = attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        boolean racy = now - micros / 1000 < RACY_MILLIS;
        return new Stamp(path, attributes.size(), micros, racy ? sha256(file) : null);
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).normalize().toString().replace('\\', '/');
    }

    private static String sha256(Path file) throws IOException {
        try {
            return AtomicFiles.sha256(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** These stamps and {@code more}'s. */
    public FileStamps with(FileStamps more) {
        List<Stamp> all = new ArrayList<>(files);
        all.addAll(more.files);
        return new FileStamps(all);
    }
}
