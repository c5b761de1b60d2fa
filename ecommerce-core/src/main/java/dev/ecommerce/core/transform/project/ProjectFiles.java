package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The files of one project as its reader finds them: each folder listed once, and the schema files parsed and the
 * models' SQL read ahead ({@link #prefetch}) on all cores of a machine of more than two, to be taken one by one in
 * order: in a project of thousands of models, reading is most of parsing. A failure is kept and thrown when its
 * file's turn comes, so the first error in order is still the one reported.
 */
public final class ProjectFiles {

    private static final boolean MANY_CORES = Runtime.getRuntime().availableProcessors() > 2;

    private final Path root;
    private final boolean parallel;
    /** The project's {@code .dbtignore} (gitignore patterns, from the project's folder), or null. */
    private final IgnoreNode ignored;

    private final Map<Path, List<Path>> listings = new ConcurrentHashMap<>();
    private final Map<Path, Object> prefetched = new ConcurrentHashMap<>();

    ProjectFiles(Path root) {
        this(root, MANY_CORES);
    }

    /**
     * @param parallel whether files are read ahead on all cores ({@link #readAhead}, {@link #prefetch}): by default
     *     on a machine of more than two. In a fresh JVM the JIT compilers keep about a core busy, and on two cores
     *     reading on both was slower than on one (2.24 vs 2.15 s for a cold parse of 10,000 models, six runs each);
     *     then {@link #prefetch} reads nothing ahead, each file is read when its turn comes.
     */
    ProjectFiles(Path root, boolean parallel) {
        this.root = root;
        this.parallel = parallel;
        this.ignored = dbtignore(root);
    }

    /** The patterns of {@code root/.dbtignore} (gitignore's syntax, JGit reads them); null without one. */
    private static IgnoreNode dbtignore(Path root) {
        Path file = root.resolve(".dbtignore");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        IgnoreNode node = new IgnoreNode();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            node.parse(in);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file, e);
        }
        return node;
    }

    /**
     * The files of a project in {@code root} whose dbt_project.yml keeps the default folders ({@link
     * DbtProject#defaultInputs}): the folders listed and the models' SQL read while that file's YAML is read (its
     * classes take a fifth of a second to load in a fresh JVM). The files must have been stamped first.
     */
    public static ProjectFiles readAhead(Path root) {
        ProjectFiles files = new ProjectFiles(root);
        for (String dir : DbtProjectReader.FOLDER_KEYS.values()) {
            files.files(root.resolve(dir), "");
        }
        files.onAllCores(files.files(root.resolve(DbtProjectReader.FOLDER_KEYS.get("model-paths")), ".sql"))
                .forEach(file -> files.prefetched.put(file, attempt(() -> read(file))));
        return files;
    }

    /** Whether these are the files of {@code root}. */
    boolean of(Path root) {
        return this.root.equals(root);
    }

    /** Parses the schema files and reads the model files under these folders before they are used, on all cores. */
    void prefetch(List<String> modelPaths, List<String> seedPaths, List<String> snapshotPaths) {
        if (!parallel) {
            return;
        }
        List<Path> yamlFiles = new ArrayList<>();
        List<Path> sqlFiles = new ArrayList<>();
        for (List<String> paths : List.of(modelPaths, seedPaths, snapshotPaths)) {
            paths.forEach(dir -> yamlFiles.addAll(yamlFiles(root.resolve(dir))));
        }
        modelPaths.forEach(dir -> sqlFiles.addAll(files(root.resolve(dir), ".sql")));
        onAllCores(yamlFiles)
                .forEach(file ->
                        prefetched.put(file, attempt(() -> Yaml.readMap(file, DbtProject.relative(root, file)))));
        onAllCores(sqlFiles)
                .filter(file -> !prefetched.containsKey(file)) // read ahead
                .forEach(file -> prefetched.put(file, attempt(() -> read(file))));
    }

    private Stream<Path> onAllCores(List<Path> files) {
        return parallel ? files.parallelStream() : files.stream();
    }

    private static Object attempt(Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A schema file, parsed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> parsedYaml(Path file, String shown) {
        return (Map<String, Object>) take(file, () -> Yaml.readMap(file, shown));
    }

    /** A file's text. */
    String text(Path file) {
        return (String) take(file, () -> read(file));
    }

    /** A prefetched file's value (its failure thrown now), else {@code read}'s. */
    private Object take(Path file, Supplier<Object> read) {
        Object value = prefetched.remove(file);
        if (value instanceof RuntimeException e) {
            throw e;
        }
        return value == null ? read.get() : value;
    }

    /** The files under {@code dir} ending in {@code extension}, sorted; each folder is listed once. */
    List<Path> files(Path dir, String extension) {
        List<Path> all = listings.computeIfAbsent(dir, this::regularFiles);
        return all.stream()
                .filter(p -> p.getFileName().toString().endsWith(extension))
                .toList();
    }

    /** The YAML files under {@code dir}: {@code .yml}, then {@code .yaml}. */
    List<Path> yamlFiles(Path dir) {
        List<Path> all = new ArrayList<>(files(dir, ".yml"));
        all.addAll(files(dir, ".yaml"));
        return all;
    }

    /**
     * The files under {@code dir}, sorted, as dbt finds them (dbt-core's {@code find_matching}): {@code os.walk} from
     * the folder (through it if it is a link), listing linked files but not entering linked folders below it; each
     * file whose path from the project's folder {@code .dbtignore} matches is left out, file by file, as pathspec's
     * gitwildmatch decides: a pattern naming a folder matches the files under it, and the last pattern that matches
     * wins, so {@code !} takes a file back even inside an ignored folder.
     */
    private List<Path> regularFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Path start = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    boolean isFile =
                            attributes.isRegularFile() || (attributes.isSymbolicLink() && Files.isRegularFile(file));
                    Path listed = start == dir ? file : dir.resolve(start.relativize(file));
                    if (isFile && !isIgnored(listed)) {
                        found.add(listed);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list " + dir, e);
        }
        found.sort(null);
        return found;
    }

    /** Whether {@code .dbtignore}'s last pattern matching the file (or a folder above it) ignores it. */
    private boolean isIgnored(Path file) {
        if (ignored == null) {
            return false;
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        boolean ignore = false;
        for (FastIgnoreRule rule : ignored.getRules()) {
            if (rule.isMatch(relative, false, false)) {
                ignore = rule.getResult();
            }
        }
        return ignore;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file, e);
        }
    }
}
