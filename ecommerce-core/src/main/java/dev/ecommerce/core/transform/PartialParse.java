package dev.ecommerce.core.transform;

import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.io.FileStamps;
import dev.ecommerce.core.io.RecordCodec;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions;
import dev.ecommerce.core.transform.project.Profile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's partial parsing of a whole project, as dbt's {@code partial_parse.msgpack} is dbt's:
 * what parsing gave ({@link Planner.Parsed}: the project read, every node rendered, named, ordered and compiled,
 * every test planned) kept in {@code <target-path>/embedded_partial_parse.bin}, and used instead of parsing while
 * nothing it depends on changed. Then a run of an unchanged project reads no model or schema file and renders
 * nothing before it runs.
 *
 * <p>What it depends on: the files of the project's paths and its packages ({@link FileStamps}: path, size and
 * time, content where that is not enough), and the {@link #key} of everything else (the engine's build,
 * dbt_project.yml, vars, the target, {@code --full-refresh}, folders). It is not kept when a render of the parse
 * read an environment variable (the SQL could hold a secret; profiles.yml's reads are in the target) or used a
 * clock, random or run global, nor when the parse holds a value the codec does not write: those runs parse. The
 * per-model {@link RenderCache} still serves the runs where some files changed. A file that cannot be read or
 * written is a debug line, never a failure: the run then parses.
 */
final class PartialParse {

    private static final Logger LOG = LoggerFactory.getLogger(PartialParse.class);

    static final String FILE = "embedded_partial_parse.bin";

    /** {@code target-path:} in {@code dbt_project.yml}, its value unquoted, a comment after it left out. */
    private static final java.util.regex.Pattern TARGET_PATH =
            java.util.regex.Pattern.compile("(?m)^target-path:[ \\t]*[\"']?([^\"'#\\r\\n]*?)[\"']?[ \\t]*(#.*)?$");

    /** Bumped when what the kept parse means changes. */
    private static final int FORMAT = 5;

    private static final int MAGIC = 0x45435050; // "ECPP"

    /**
     * What one run's parse depends on.
     *
     * @param key the hash of every value the parse depends on besides the files
     * @param roots the files and folders stamped, relative to the project
     * @param stamps what those files were when the run began
     * @param projectYml dbt_project.yml's text, and {@code header} what it gives (reused while it is the same)
     * @param profilesKey a hash of profiles.yml's text, the profile and the target chosen
     * @param profile the profile read, when it can be reused while profiles.yml is the same (no Jinja, no secret,
     *     no setting); else null
     */
    record Inputs(
            String key,
            List<String> roots,
            FileStamps stamps,
            String projectYml,
            DbtProject.Header header,
            String profilesKey,
            Profile profile) {}

    /**
     * A kept parse whose head is read. The parse itself is in two parts, decoded when asked: the project and its
     * nodes, then its tests (the graph is built again from both); each half of the decoding can run on its own thread.
     */
    static final class Kept {
        private final Inputs head;
        private final ByteBuffer nodes;
        private final ByteBuffer tests;

        private Kept(Inputs head, ByteBuffer nodes, ByteBuffer tests) {
            this.head = head;
            this.nodes = nodes;
            this.tests = tests;
        }

        /** The inputs of the run that kept it (the file's head). */
        Inputs head() {
            return head;
        }

        /** The first part: the project, its nodes and their order; null when it cannot be decoded. */
        List<?> nodes() {
            return decode(nodes.slice()) instanceof List<?> part ? part : null;
        }

        /** The second part: the tests; null when it cannot be decoded. */
        List<?> tests() {
            return decode(tests.slice()) instanceof List<?> part ? part : null;
        }

        /**
         * The parse, its first part ({@link #nodes}) decoded elsewhere, its second ({@link #tests}) decoded here; or
         * null when it cannot be decoded (another build's classes, say).
         */
        Planner.Parsed parsed(CompletableFuture<List<?>> first) {
            List<?> rest = tests();
            List<?> part = first.join();
            if (part == null || rest == null) {
                return null;
            }
            try {
                @SuppressWarnings("unchecked")
                Planner.Parsed parsed = new Planner.Parsed(
                        (DbtProject) part.get(0),
                        (Map<String, PlannedNode>) part.get(1),
                        (List<String>) part.get(2),
                        (List<PlannedTest>) rest.get(0),
                        ResourceGraph.later(
                                (DbtProject) part.get(0), (Map<String, PlannedNode>) part.get(1), (List<PlannedTest>)
                                        rest.get(0)),
                        (List<String>) part.get(3),
                        (Double) part.get(4));
                return parsed;
            } catch (RuntimeException e) {
                LOG.debug("The kept parse cannot be read ({}); the project is parsed", e.toString());
                return null;
            }
        }

        private static Object decode(ByteBuffer bytes) {
            try {
                return RecordCodec.read(bytes);
            } catch (IllegalArgumentException e) {
                LOG.debug("The kept parse cannot be read ({}); the project is parsed", e.toString());
                return null;
            }
        }
    }

    private PartialParse() {}

    /**
     * The key of a run's parse: a hash of {@code values} (each a value the parse depends on, printed: strings,
     * numbers, lists and maps in their order), this build's. No JSON: the key is computed before anything else
     * loads Jackson.
     */
    static String key(List<Object> values) {
        StringBuilder typed = new StringBuilder()
                .append(FORMAT)
                .append('|')
                .append(engineVersion())
                .append('|');
        typed(values, typed);
        return AtomicFiles.sha256(typed.toString());
    }

    /**
     * A value printed with its type, so that values Jinja tells apart differ ({@code 1}, {@code "1"}, {@code true},
     * {@code "true"}, none): strings with their length, numbers with their class, lists and maps recursively.
     */
    static void typed(Object value, StringBuilder out) {
        if (value == null) {
            out.append('N');
        } else if (value instanceof CharSequence text) {
            out.append('S').append(text.length()).append(':').append(text);
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value.getClass().getSimpleName())
                    .append(':')
                    .append(value)
                    .append(';');
        } else if (value instanceof java.util.Map<?, ?> map) {
            out.append('{').append(map.size()).append(':');
            map.forEach((k, v) -> {
                typed(k, out);
                typed(v, out);
            });
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            items.forEach(item -> typed(item, out));
            out.append(']');
        } else {
            out.append(value.getClass().getName()).append(':');
            typed(String.valueOf(value), out);
        }
    }

    private static volatile String engineVersion;

    /** The build of the engine running: {@link #engineVersion(Path)} of its code, computed once per JVM. */
    static String engineVersion() {
        String version = engineVersion;
        if (version == null) {
            try {
                version = engineVersion(Path.of(PartialParse.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()));
            } catch (Exception e) {
                version = String.valueOf(PartialParse.class.getPackage().getImplementationVersion());
            }
            engineVersion = version;
        }
        return version;
    }

    /**
     * An engine's build, from its code: what another build kept is not trusted. A jar and its time; a folder of
     * classes (a reactor build, an IDE) and the newest file's time in it (a folder's own time does not change when
     * a class in it is compiled again).
     */
    static String engineVersion(Path code) throws IOException {
        long time = Files.getLastModifiedTime(code).toMillis();
        if (Files.isDirectory(code)) {
            try (java.util.stream.Stream<Path> files = Files.walk(code)) {
                time = files.filter(Files::isRegularFile)
                        .mapToLong(PartialParse::modified)
                        .max()
                        .orElse(time);
            }
        }
        return code + "@" + time;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * True when the project has a parse kept by an earlier run, in the {@code target-path} that {@code
     * dbt_project.yml} names, else {@code target/} (read as text: this decides where to run, before the project is
     * read; a wrong answer only picks the other JVM).
     */
    static boolean kept(Path projectDirectory) {
        try {
            java.util.regex.Matcher path =
                    TARGET_PATH.matcher(Files.readString(projectDirectory.resolve("dbt_project.yml")));
            String target =
                    path.find() && !path.group(1).isBlank() ? path.group(1).strip() : "target";
            return Files.isRegularFile(projectDirectory.resolve(target).resolve(FILE));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The kept parse of {@code targetDirectory}, or null when there is none or it cannot be read. */
    static Kept open(Path targetDirectory) {
        Path file = targetDirectory.resolve(FILE);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            if (bytes.remaining() < 8 || bytes.getInt() != MAGIC || bytes.getInt() != FORMAT) {
                return null;
            }
            Inputs head = (Inputs) RecordCodec.read(bytes);
            int first = bytes.getInt();
            ByteBuffer nodes = bytes.slice(bytes.position(), first);
            ByteBuffer tests = bytes.slice(bytes.position() + first, bytes.remaining() - first);
            return new Kept(head, nodes, tests);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.debug("The kept parse {} cannot be read ({}); the project is parsed", file, e.toString());
            return null;
        }
    }

    /**
     * The files changed since {@code kept} was kept, when all else is as it was: the same key and folders, no
     * file added or removed; else null.
     */
    static Set<String> changed(Kept kept, Inputs inputs, Path projectDirectory) {
        if (!kept.head().key().equals(inputs.key()) || !kept.head().roots().equals(inputs.roots())) {
            return null;
        }
        try {
            return kept.head().stamps().changed(projectDirectory, inputs.stamps());
        } catch (IOException e) {
            LOG.debug("The project's files cannot be compared with the kept parse's ({})", e.toString());
            return null;
        }
    }

    /**
     * A kept project with its edited models read again.
     *
     * @param dbt the kept project, the edited models' SQL read again
     * @param nodes the kept parse's nodes of the models not edited, by name: planned as they were
     * @param files how many model files were read again
     */
    record Edited(DbtProject dbt, Map<String, PlannedNode> nodes, int files) {}

    /**
     * The kept project ({@code part}: {@link Kept#nodes}) with the models of the {@code changed} files read again,
     * when only models' SQL files changed (and no unit test is on one: dbt's checks of a unit test read its model's
     * SQL); else null, and the project is read whole. Their configs from folders and schema files are unchanged:
     * those files did not change.
     */
    static Edited edited(List<?> part, Set<String> changed, Path projectDirectory) {
        if (part == null || !(part.get(0) instanceof DbtProject kept) || !(part.get(1) instanceof Map<?, ?> nodes)) {
            return null;
        }
        Map<String, Definitions.Model> byFile = new HashMap<>();
        kept.models().forEach(model -> byFile.put(model.file(), model));
        Set<String> tested = new HashSet<>();
        kept.unitTests().forEach(test -> tested.add(test.model()));
        for (String file : changed) {
            Definitions.Model model = byFile.get(file);
            if (model == null || tested.contains(model.name())) {
                return null;
            }
        }
        List<Definitions.Model> models = new ArrayList<>(kept.models().size());
        try {
            for (Definitions.Model model : kept.models()) {
                models.add(
                        changed.contains(model.file())
                                ? new Definitions.Model(
                                        model.name(),
                                        model.file(),
                                        Files.readString(projectDirectory.resolve(model.file())),
                                        model.config())
                                : model);
            }
        } catch (IOException e) {
            return null; // read whole, which reports it
        }
        Map<String, PlannedNode> unedited = new HashMap<>();
        nodes.forEach((name, node) -> {
            if (node instanceof PlannedNode planned
                    && planned.model() != null
                    && !changed.contains(planned.model().file())) {
                unedited.put((String) name, planned);
            }
        });
        return new Edited(kept.withModels(models), unedited, changed.size());
    }

    /**
     * Keeps {@code parsed} for the next run; nothing when it holds a value the codec does not write (and an
     * older kept parse is dropped then).
     */
    static void write(Path targetDirectory, Inputs inputs, Planner.Parsed parsed) {
        Path file = targetDirectory.resolve(FILE);
        try {
            byte[] head = RecordCodec.write(inputs);
            // two parts, decoded on two threads: records shared between them are written (and come back) twice
            byte[] nodes = RecordCodec.write(
                    List.of(parsed.dbt(), parsed.nodes(), parsed.order(), parsed.warnings(), parsed.dagSeconds()));
            // the graph is not kept: built again beside the run from the nodes and tests (ResourceGraph.later)
            byte[] tests = RecordCodec.write(List.of(parsed.allTests()));
            Files.createDirectories(targetDirectory);
            AtomicFiles.write(file, UUID.randomUUID().toString(), temporary -> {
                try (var out = new java.io.DataOutputStream(
                        new java.io.BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                    out.writeInt(MAGIC);
                    out.writeInt(FORMAT);
                    out.write(head);
                    out.writeInt(nodes.length);
                    out.write(nodes);
                    out.write(tests);
                }
            });
        } catch (RecordCodec.Unsupported e) {
            LOG.debug("The parse is not kept: it holds {}", e.getMessage());
            delete(file);
        } catch (IOException | RuntimeException e) {
            LOG.debug("The parse cannot be kept in {}: {}", file, e.toString());
        }
    }

    /** Drops a kept parse that no longer holds (it would be compared in vain next time). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("The old kept parse {} cannot be deleted: {}", file, e.toString());
        }
    }
}
