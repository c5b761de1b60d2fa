package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.io.FileStamps;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.project.DbtPackage;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Profile;
import dev.ecommerce.core.transform.project.ProjectFiles;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dbt project as read for one run of the embedded engine: the profile's target, the project's files, the
 * one renderer of the run (vars, target and macros set), and the target's external files; or, when nothing
 * changed since a run that kept its parse ({@link PartialParse}), that parse.
 *
 * @param rendering the renderer, ready or being made ready (the macros of a kept parse's project are read on a
 *     thread of their own: a run that renders nothing before it runs does not wait for them)
 * @param starting what makes the profile and the renderer
 * @param parseSeconds the time reading took, rendering apart
 * @param parsed the kept parse of an unchanged project, or null: the project is parsed
 * @param inputs what this run's parse depends on (to keep it), or null when the files cannot be stamped
 * @param unreproducibleAtStart the renderer's {@link Renderer#unreproducibleRenders} once the profile was read
 * @param edited when only models' SQL files changed: the kept project with those read again, and the kept
 *     nodes of the others; else null
 */
record LoadedProject(
        DbtProject dbt,
        Profile profile,
        CompletableFuture<Renderer> rendering,
        LoadedProject.Start starting,
        ExternalFiles files,
        RenderCache cache,
        double parseSeconds,
        Planner.Parsed parsed,
        PartialParse.Inputs inputs,
        int unreproducibleAtStart,
        PartialParse.Edited edited) {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedProject.class);

    static LoadedProject load(TransformSpec spec) {
        long start = System.nanoTime();
        Path root = spec.projectDirectory();
        // A kept parse also keeps dbt_project.yml's header: when the file is as it was, YAML is not read here
        // (its classes take a fifth of a second to load in a fresh JVM).
        String projectYml = read(root.resolve("dbt_project.yml"));
        PartialParse.Kept kept = projectYml.contains("target-path") ? null : PartialParse.open(root.resolve("target"));
        DbtProject.Header header;
        FileStamps early = null; // the default folders stamped while dbt_project.yml is read, if they are its own
        ProjectFiles ahead = null; // and the models' SQL read, after they were stamped
        if (kept != null && kept.head().projectYml().equals(projectYml)) {
            header = kept.head().header();
        } else {
            // reading YAML first loads its classes (a fifth of a second in a fresh JVM): the files are stamped beside
            CompletableFuture<DbtProject.Header> reading =
                    CompletableFuture.supplyAsync(() -> DbtProject.header(root), LoadedProject::daemon);
            List<String> defaults = DbtProject.defaultInputs(projectYml);
            early = defaults == null ? null : stamp(root, Set.copyOf(defaults), "target");
            ahead = early == null ? null : readAhead(root);
            header = join(reading);
            // dbt_project.yml changed, or there is no kept parse under target/: one under its own target-path, then
            kept = projectYml.contains("target-path") ? PartialParse.open(root.resolve(header.targetPath())) : null;
            if (defaults == null
                    || !defaults.equals(header.inputs())
                    || !header.targetPath().equals("target")) {
                early = null; // stamped again, and read after that
                ahead = null;
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>(header.vars());
        vars.putAll(spec.vars());
        String profiles = read(spec.profilesDirectory().resolve("profiles.yml"));
        String profilesKey = AtomicFiles.sha256(profiles + '\u0000' + header.profile() + '\u0000' + spec.target());
        Profile keptProfile = kept != null && profilesKey.equals(kept.head().profilesKey())
                ? kept.head().profile()
                : null;
        Start starting = new Start(spec, header, vars, keptProfile);
        if (keptProfile == null) {
            starting.begin();
        }
        // the files are stamped before they are read: one changed while this run reads it is parsed again next time
        Set<String> roots = new TreeSet<>(header.inputs());
        if (kept != null) {
            roots.addAll(kept.head().roots()); // a local package outside the project
        }
        // the nodes decoded while the files are stamped and the profile read (the tests here, after): used if they
        // match
        CompletableFuture<List<?>> decoding =
                kept == null ? null : CompletableFuture.supplyAsync(kept::nodes, LoadedProject::daemon);
        FileStamps stamps = early != null ? early : stamp(root, roots, header.targetPath());
        PartialParse.Edited edited = null; // only models' SQL files changed: the kept project, those read again
        if (kept != null && stamps != null) {
            Profile profile = join(starting.profiled);
            PartialParse.Inputs inputs =
                    inputs(spec, vars, profile, roots, stamps, projectYml, header, profilesKey, profiles);
            Set<String> changed = PartialParse.changed(kept, inputs, root);
            Planner.Parsed parsed = changed != null && changed.isEmpty() ? kept.parsed(decoding) : null;
            if (changed != null && !changed.isEmpty()) {
                edited = PartialParse.edited(decoding.join(), changed, root);
            }
            if (parsed != null) {
                DbtProject dbt = parsed.dbt();
                // nothing renders before the run: the renderer is made ready when the run begins (prepare())
                CompletableFuture<Renderer> rendering = starting.ready.thenApplyAsync(
                        ready -> {
                            readMacros(ready.renderer(), dbt, header, spec);
                            return ready.renderer();
                        },
                        LoadedProject::daemon);
                return new LoadedProject(
                        dbt,
                        profile,
                        rendering,
                        starting,
                        files(spec, profile),
                        null,
                        seconds(start),
                        parsed,
                        kept.head().stamps().settled() || !stamps.settled() ? null : inputs,
                        0,
                        null);
            }
        }
        starting.begin();
        DbtProject dbt = edited == null ? null : edited.dbt();
        try {
            if (dbt == null) {
                dbt = DbtProject.load(
                        root,
                        text -> join(starting.ready).renderer().render(RenderScope.plain("dbt_project.yml"), text),
                        ahead);
            }
        } catch (RuntimeException e) {
            join(starting.ready); // a broken profile is reported first, as when it was read first
            throw e;
        }
        Ready ready = join(starting.ready);
        Renderer renderer = ready.renderer();
        Profile profile = ready.profile();
        Map<String, String> allMacroFiles = readMacros(renderer, dbt, header, spec);
        RenderCache cache = RenderCache.open(
                dbt.targetDirectory(),
                List.of(
                        dbt.name(),
                        projectYml,
                        vars,
                        profile.jinja(),
                        spec.fullRefresh(),
                        dbt.macroFiles(),
                        String.valueOf(dbt.packages()), // their folders, vars and macros
                        String.valueOf(dbt.sources()),
                        // external sources render as absolute paths under these
                        root.toString(),
                        String.valueOf(spec.stagingDirectory())),
                allMacroFiles);
        PartialParse.Inputs inputs = null;
        if (stamps != null) {
            for (DbtPackage pkg : dbt.packages()) { // a local package outside the stamped folders: its files too
                String relative = root.toAbsolutePath()
                        .normalize()
                        .relativize(pkg.root().toAbsolutePath().normalize())
                        .toString()
                        .replace('\\', '/');
                if (roots.stream().noneMatch(r -> relative.equals(r) || relative.startsWith(r + "/"))
                        && roots.add(relative)) {
                    FileStamps more = stamp(root, Set.of(relative), header.targetPath());
                    stamps = more == null ? null : stamps.with(more);
                }
            }
            inputs = stamps == null
                    ? null
                    : inputs(spec, vars, profile, roots, stamps, projectYml, header, profilesKey, profiles);
        }
        double parseSeconds = seconds(start) - renderer.seconds();
        return new LoadedProject(
                dbt,
                profile,
                CompletableFuture.completedFuture(renderer),
                starting,
                files(spec, profile),
                cache,
                parseSeconds,
                null,
                inputs,
                ready.unreproducible(),
                edited);
    }

    /**
     * What this run's parse depends on. The profile is kept too when profiles.yml has no Jinja (nothing in it
     * depends on the environment) and it holds no secret, setting or MotherDuck path: then a run with the same
     * profiles.yml does not read it.
     */
    private static PartialParse.Inputs inputs(
            TransformSpec spec,
            Map<String, Object> vars,
            Profile profile,
            Set<String> roots,
            FileStamps stamps,
            String projectYml,
            DbtProject.Header header,
            String profilesKey,
            String profiles) {
        // a path with a query (md:db?motherduck_token=...) may hold a token: such a profile is read every run
        boolean keepProfile = !profiles.contains("{")
                && profile.s3Secret() == null
                && profile.settings().isEmpty()
                && !profile.path().contains("?")
                && !profile.path().startsWith("md:")
                && !profile.path().startsWith("motherduck:");
        return new PartialParse.Inputs(
                key(spec, vars, profile),
                List.copyOf(roots),
                stamps,
                projectYml,
                header,
                profilesKey,
                keepProfile ? profile : null);
    }

    /**
     * The profile and the renderer, made on a thread of their own. Jinjava takes most of a second to start in a
     * fresh JVM (its classes, Jackson's), and the profile a quarter: both happen while the project's files are
     * read; only text with Jinja in it waits for them. The profile comes first, and needs Jinjava only if
     * profiles.yml has Jinja; a profile kept with the parse is not read again.
     */
    static final class Start {
        final CompletableFuture<Profile> profiled = new CompletableFuture<>();
        final CompletableFuture<Ready> ready = new CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicBoolean begun = new java.util.concurrent.atomic.AtomicBoolean();
        private final Runnable task;

        Start(TransformSpec spec, DbtProject.Header header, Map<String, Object> vars, Profile kept) {
            if (kept != null) {
                profiled.complete(kept);
            }
            task = () -> {
                try {
                    Renderer[] made = new Renderer[1];
                    Supplier<Renderer> renderer = () -> {
                        if (made[0] == null) {
                            made[0] = new Renderer(vars, spec.environment(), spec.fullRefresh());
                        }
                        return made[0];
                    };
                    Profile profile = kept != null
                            ? kept
                            : Profile.load(
                                    spec.profilesDirectory(),
                                    header.profile(),
                                    spec.target(),
                                    text -> renderer.get().render(RenderScope.plain("profiles.yml"), text));
                    profiled.complete(profile);
                    renderer.get().target(profile.jinja());
                    renderer.get().builtins(); // dbt's own macros: the project's are rendered over them later
                    ready.complete(
                            new Ready(renderer.get(), profile, renderer.get().unreproducibleRenders()));
                } catch (RuntimeException | Error e) {
                    profiled.completeExceptionally(e);
                    ready.completeExceptionally(e);
                }
            };
        }

        /** Starts the thread, once. */
        void begin() {
            if (begun.compareAndSet(false, true)) {
                Thread starter = new Thread(task, "dbt-renderer-start");
                starter.setDaemon(true);
                starter.start();
            }
        }
    }

    /**
     * The run begins: the renderer is made ready beside it if it is not (a kept parse renders nothing before the
     * run, and its renderer starts here, not beside the files' stamping, where it would only slow that down).
     */
    void prepare() {
        starting.begin();
    }

    /** The kept parse's nodes of the models not edited, by name (planned as they were); empty but for edits. */
    Map<String, PlannedNode> keptNodes() {
        return edited == null ? Map.of() : edited.nodes();
    }

    /** The renderer of the run, once ready (its macros read). */
    Renderer renderer() {
        starting.begin();
        return join(rendering);
    }

    /**
     * Keeps this run's renders ({@link RenderCache}) and its parse ({@link PartialParse}) for the next run, on a
     * thread of their own while the run goes on. The parse is kept when it can be reused: nothing in it read the
     * environment or used a volatile function. A kept parse is written again only when its files' stamps were
     * racy and are settled now (the next run then reads no file to compare).
     *
     * @return the writes, done when both files are written or given up
     */
    CompletableFuture<Void> keep(Planner.Parsed fresh) {
        Path targetDirectory = dbt.targetDirectory();
        boolean reusable =
                parsed != null || (!cache.off() && renderer().unreproducibleRenders() == unreproducibleAtStart);
        if (parsed != null && inputs == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(
                () -> {
                    if (cache != null) {
                        cache.save();
                    }
                    if (inputs != null && reusable) {
                        PartialParse.write(targetDirectory, inputs, parsed != null ? parsed : fresh);
                    } else {
                        PartialParse.delete(targetDirectory.resolve(PartialParse.FILE));
                    }
                },
                LoadedProject::daemon);
    }

    /** Registers the macros of the project and its packages with the renderer; returns all macro files. */
    private static Map<String, String> readMacros(
            Renderer renderer, DbtProject dbt, DbtProject.Header header, TransformSpec spec) {
        Map<String, String> allMacroFiles = new LinkedHashMap<>();
        dbt.packages().forEach(pkg -> {
            renderer.packageMacros(pkg.name(), pkg.macroFiles());
            allMacroFiles.putAll(pkg.macroFiles());
        });
        renderer.macros(header.name(), header.dispatch(), dbt.macroFiles());
        renderer.packages(dbt, spec.vars());
        allMacroFiles.putAll(dbt.macroFiles());
        return allMacroFiles;
    }

    /**
     * The key of what a parse depends on besides the project's files: vars, the target, {@code --full-refresh}
     * and the folders external sources render under.
     */
    private static String key(TransformSpec spec, Map<String, Object> vars, Profile profile) {
        return PartialParse.key(List.of(
                vars,
                profile.jinja(),
                String.valueOf(spec.target()),
                spec.fullRefresh(),
                spec.projectDirectory().toAbsolutePath().toString(),
                String.valueOf(spec.stagingDirectory())));
    }

    /** The stamps of the files under {@code roots}, the artifacts' and logs' folders apart; null if unreadable. */
    private static FileStamps stamp(Path root, Set<String> roots, String targetPath) {
        try {
            return FileStamps.of(root, List.copyOf(new TreeSet<>(roots)), Set.of(targetPath, "logs", ".git"));
        } catch (IOException | RuntimeException e) {
            LOG.debug("The project's files cannot be stamped ({}); the parse is not kept", e.toString());
            return null;
        }
    }

    /** Some of the project's files read ahead, or null when they cannot be (the reader reports why, in order). */
    private static ProjectFiles readAhead(Path root) {
        try {
            return ProjectFiles.readAhead(root);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs a task on a daemon thread of its own (the JVM does not wait for it). */
    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "dbt-load");
        thread.setDaemon(true);
        thread.start();
    }

    private static ExternalFiles files(TransformSpec spec, Profile profile) {
        return new ExternalFiles(spec.projectDirectory(), spec.stagingDirectory(), () -> s3Client(spec, profile));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The renderer, with the profile's target set, and the profile.
     *
     * @param unreproducible the renderer's unreproducible renders after the profile's
     */
    private record Ready(Renderer renderer, Profile profile, int unreproducible) {}

    private static <T> T join(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return ""; // DbtProject.header reports it
        }
    }

    /** The S3 client of the target's files: the profile's s3 secret over the build's settings. */
    private static S3ClientSpec s3Client(TransformSpec spec, Profile profile) {
        if (profile.s3Secret() != null) {
            return profile.s3Secret().over(spec.s3Client());
        }
        return spec.s3Client() != null
                ? spec.s3Client()
                : new S3ClientSpec(null, null, false, null, null, S3ClientSpec.DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * The scope of one render of {@code file}: {@code source()} names the declared tables.
     *
     * @param refs what {@code ref(name)} renders to
     * @param self what {@code this} is, or null
     */
    RenderScope scope(String file, Function<String, String> refs, boolean incremental, Supplier<RelationName> self) {
        return new RenderScope(file, refs, (s, t) -> sourceRelation(file, s, t), incremental, self);
    }

    /** How SQL in {@code file} reads a source table: its relation, or {@code read_parquet} of its local file. */
    String sourceRelation(String file, String source, String table) {
        Source defined = dbt.sources().get(source + "." + table);
        if (defined == null) {
            throw new ConfigurationException(file + ": source('" + source + "', '" + table + "') is not declared under"
                    + " sources: in a schema file.");
        }
        if (defined.externalLocation() != null) {
            return "read_parquet(" + Sql.literal(files.input(defined.externalLocation())) + ")";
        }
        try {
            return (defined.database() == null ? "" : Sql.identifier(defined.database()) + ".")
                    + Sql.identifier(defined.schema()) + "." + Sql.identifier(defined.identifier());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(defined.file() + " (source " + source + "): names must be lower-case SQL"
                    + " names: " + e.getMessage());
        }
    }
}
