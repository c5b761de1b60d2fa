package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.execute.ExternalFiles;
import dev.ecommerce.core.transform.project.DbtProject;
import dev.ecommerce.core.transform.project.Definitions.Source;
import dev.ecommerce.core.transform.project.Profile;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import dev.ecommerce.core.warehouse.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dbt project as read for one run of the embedded engine: the profile's target, the project's files, the
 * one renderer of the run (vars, target and macros set), and the target's external files.
 *
 * @param parseSeconds the time reading took, rendering apart
 */
record LoadedProject(
        DbtProject dbt,
        Profile profile,
        Renderer renderer,
        ExternalFiles files,
        RenderCache cache,
        double parseSeconds) {

    static LoadedProject load(TransformSpec spec) {
        long start = System.nanoTime();
        DbtProject.Header header = DbtProject.header(spec.projectDirectory());
        Map<String, Object> vars = new LinkedHashMap<>(header.vars());
        vars.putAll(spec.vars());
        // Jinjava takes most of a second to start in a fresh JVM (its classes, Jackson's), and the profile a
        // quarter: both happen on a thread of their own while the project's files are read; only text with Jinja
        // in it waits for them.
        CompletableFuture<Ready> starting = new CompletableFuture<>();
        Thread starter = new Thread(
                () -> {
                    try {
                        Renderer renderer = new Renderer(vars, spec.environment(), spec.fullRefresh());
                        Profile profile = Profile.load(
                                spec.profilesDirectory(),
                                header.profile(),
                                spec.target(),
                                text -> renderer.render(RenderScope.plain("profiles.yml"), text));
                        renderer.target(profile.jinja());
                        starting.complete(new Ready(renderer, profile));
                    } catch (RuntimeException | Error e) {
                        starting.completeExceptionally(e);
                    }
                },
                "dbt-renderer-start");
        starter.setDaemon(true);
        starter.start();
        DbtProject dbt;
        try {
            dbt = DbtProject.load(
                    spec.projectDirectory(),
                    text -> join(starting).renderer().render(RenderScope.plain("dbt_project.yml"), text));
        } catch (RuntimeException e) {
            join(starting); // a broken profile is reported first, as when it was read first
            throw e;
        }
        Renderer renderer = join(starting).renderer();
        Profile profile = join(starting).profile();
        ExternalFiles files =
                new ExternalFiles(spec.projectDirectory(), spec.stagingDirectory(), () -> s3Client(spec, profile));
        Map<String, String> allMacroFiles = new LinkedHashMap<>();
        dbt.packages().forEach(pkg -> {
            renderer.packageMacros(pkg.name(), pkg.macroFiles());
            allMacroFiles.putAll(pkg.macroFiles());
        });
        renderer.macros(header.name(), header.dispatch(), dbt.macroFiles());
        renderer.packages(dbt, spec.vars());
        allMacroFiles.putAll(dbt.macroFiles());
        RenderCache cache = RenderCache.open(
                dbt.targetDirectory(),
                List.of(
                        dbt.name(),
                        read(spec.projectDirectory().resolve("dbt_project.yml")),
                        vars,
                        profile.jinja(),
                        spec.fullRefresh(),
                        dbt.macroFiles(),
                        String.valueOf(dbt.packages()), // their folders, vars and macros
                        String.valueOf(dbt.sources()),
                        // external sources render as absolute paths under these
                        spec.projectDirectory().toString(),
                        String.valueOf(spec.stagingDirectory())),
                allMacroFiles);
        double parseSeconds = (System.nanoTime() - start) / 1e9 - renderer.seconds();
        return new LoadedProject(dbt, profile, renderer, files, cache, parseSeconds);
    }

    /** The renderer, with the profile's target set, and the profile. */
    private record Ready(Renderer renderer, Profile profile) {}

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
            return ""; // read before, so this does not happen; the cache key is only weaker
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
