package dev.ecommerce.core.io;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * @param files the files found, sorted by path; a missing root is a file of size -1
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
            // paths relative to base built by appending names: relativizing 10,000 paths costs a tenth of a second
            java.util.ArrayDeque<String> folders = new java.util.ArrayDeque<>();
            // links followed: a package `dbt deps` linked into dbt_packages/ is stamped too (a loop is an error)
            Files.walkFileTree(
                    start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            String folder = dir.equals(start) ? relative(base, dir) : child(folders.peek(), dir);
                            if (!dir.equals(start) && skipped.contains(folder)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            folders.push(folder);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                            folders.pop();
                            if (e != null) {
                                throw e;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            if (attrs.isRegularFile()) {
                                stamps.add(stamp(child(folders.peek(), file), file, attrs, now));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        }
        stamps.sort((a, b) -> a.path().compareTo(b.path()));
        return new FileStamps(stamps);
    }

    /**
     * Whether the files under {@code base} are still as stamped here: the same paths, sizes and times, and a
     * racy file's content the same.
     */
    public boolean unchanged(Path base, FileStamps now) throws IOException {
        if (files.size() != now.files.size()) {
            return false;
        }
        for (int i = 0; i < files.size(); i++) {
            Stamp before = files.get(i);
            Stamp after = now.files.get(i);
            if (!before.path().equals(after.path())
                    || before.size() != after.size()
                    || before.modifiedMicros() != after.modifiedMicros()) {
                return false;
            }
            if (before.sha256() != null
                    && !before.sha256()
                            .equals(after.sha256() != null ? after.sha256() : sha256(base.resolve(before.path())))) {
                return false;
            }
        }
        return true;
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

    private static String child(String folder, Path file) {
        return folder.isEmpty() ? file.getFileName().toString() : folder + "/" + file.getFileName();
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

    /** These stamps and {@code more}'s, sorted by path. */
    public FileStamps with(FileStamps more) {
        List<Stamp> all = new ArrayList<>(files);
        all.addAll(more.files);
        all.sort((a, b) -> a.path().compareTo(b.path()));
        return new FileStamps(all);
    }
}
