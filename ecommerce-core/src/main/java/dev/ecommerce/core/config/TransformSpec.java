package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.io.YamlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the transform goal needs.
 *
 * @param workDirectory where goals keep their state; {@code run_results.json} is copied to {@code reports/}
 * @param projectDirectory the dbt project (the folder with {@code dbt_project.yml})
 * @param profilesDirectory the folder with {@code profiles.yml}
 * @param target the profile's output to use ({@code local}, {@code dev}, {@code prod}); null for the profile's default
 * @param vars dbt vars ({@code --vars}), over the project's own
 * @param select dbt node selection ({@code --select}): each argument is a union member (text is split on
 *     whitespace), its comma-joined criteria intersect, as in dbt; empty for everything
 * @param engine embedded or the dbt CLI
 * @param dbtExecutable the dbt executable; null to find {@code dbt} on the PATH
 * @param fullRefresh rebuild incremental models from scratch ({@code --full-refresh})
 * @param environment the environment seen by {@code env_var()} and by the dbt process; may hold secrets
 *     ({@code MOTHERDUCK_TOKEN}), so {@link #toString()} lists only its names
 * @param s3Client how the embedded engine reaches S3 for the {@code dev} target's files, where the profile's
 *     s3 secret leaves a value unset (the sink's {@code ecommerce.s3.*} settings); null for the AWS defaults
 * @param duckDb memory limit, threads and temp directory of the embedded engine's DuckDB database (a profile's
 *     own {@code settings:} override them); null for the defaults
 * @param exclude what dbt's {@code --exclude} removes from the selection, written as {@code select}
 * @param stateDirectory the folder of a previous run's {@code manifest.json} ({@code --state}), which
 *     {@code state:modified} compares with; null for none
 * @param jvm the embedded engine's own JVM ({@link TransformJvm}); null to run it in this JVM
 */
public record TransformSpec(
        Path workDirectory,
        Path projectDirectory,
        Path profilesDirectory,
        String target,
        Map<String, Object> vars,
        List<String> select,
        TransformEngineKind engine,
        Path dbtExecutable,
        boolean fullRefresh,
        Map<String, String> environment,
        S3ClientSpec s3Client,
        DuckDbSettings duckDb,
        List<String> exclude,
        Path stateDirectory,
        TransformJvm jvm) {

    public TransformSpec {
        Objects.requireNonNull(workDirectory, "workDirectory");
        duckDb = duckDb == null ? DuckDbSettings.defaults(workDirectory) : duckDb;
        projectDirectory = Objects.requireNonNull(projectDirectory, "projectDirectory")
                .toAbsolutePath()
                .normalize();
        profilesDirectory = profilesDirectory == null
                ? projectDirectory
                : profilesDirectory.toAbsolutePath().normalize();
        target = target == null || target.isBlank() ? null : target.trim();
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        select = arguments(select);
        exclude = arguments(exclude);
        stateDirectory =
                stateDirectory == null ? null : stateDirectory.toAbsolutePath().normalize();
        engine = engine == null ? TransformEngineKind.EMBEDDED : engine;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (!Files.isRegularFile(projectDirectory.resolve("dbt_project.yml"))) {
            throw new ConfigurationException("No dbt project at " + projectDirectory
                    + " (no dbt_project.yml): set " + Setting.TRANSFORM_PROJECT_DIRECTORY.ref()
                    + " to the folder of your dbt project.");
        }
    }

    /** Without {@code --exclude} and {@code --state}. */
    public TransformSpec(
            Path workDirectory,
            Path projectDirectory,
            Path profilesDirectory,
            String target,
            Map<String, Object> vars,
            List<String> select,
            TransformEngineKind engine,
            Path dbtExecutable,
            boolean fullRefresh,
            Map<String, String> environment,
            S3ClientSpec s3Client,
            DuckDbSettings duckDb) {
        this(
                workDirectory,
                projectDirectory,
                profilesDirectory,
                target,
                vars,
                select,
                engine,
                dbtExecutable,
                fullRefresh,
                environment,
                s3Client,
                duckDb,
                List.of(),
                null,
                null);
    }

    /** In this JVM. */
    public TransformSpec(
            Path workDirectory,
            Path projectDirectory,
            Path profilesDirectory,
            String target,
            Map<String, Object> vars,
            List<String> select,
            TransformEngineKind engine,
            Path dbtExecutable,
            boolean fullRefresh,
            Map<String, String> environment,
            S3ClientSpec s3Client,
            DuckDbSettings duckDb,
            List<String> exclude,
            Path stateDirectory) {
        this(
                workDirectory,
                projectDirectory,
                profilesDirectory,
                target,
                vars,
                select,
                engine,
                dbtExecutable,
                fullRefresh,
                environment,
                s3Client,
                duckDb,
                exclude,
                stateDirectory,
                null);
    }

    /** This spec run in the given JVM (null: this one). */
    public TransformSpec withJvm(TransformJvm jvm) {
        return new TransformSpec(
                workDirectory,
                projectDirectory,
                profilesDirectory,
                target,
                vars,
                select,
                engine,
                dbtExecutable,
                fullRefresh,
                environment,
                s3Client,
                duckDb,
                exclude,
                stateDirectory,
                jvm);
    }

    /**
     * dbt's selection arguments from text such as {@code "tag:nightly,config.materialized:table +orders"}: split
     * on whitespace only, since a comma joins the criteria of one argument (an intersection).
     */
    public static List<String> arguments(List<String> texts) {
        return texts == null
                ? List.of()
                : texts.stream()
                        .filter(Objects::nonNull)
                        .flatMap(s -> java.util.Arrays.stream(s.trim().split("\\s+")))
                        .filter(s -> !s.isBlank())
                        .toList();
    }

    /**
     * dbt vars given as text, a YAML or JSON mapping such as {@code {start_date: '2024-01-01'}}; null or blank
     * text is no vars.
     *
     * @param shownAs how the setting is named in an error message
     * @throws ConfigurationException when the text is not a YAML mapping
     */
    public static Map<String, Object> parseVars(String text, String shownAs) {
        return text == null || text.isBlank() ? Map.of() : YamlText.parseMap(text, shownAs);
    }

    /** Where the embedded engine keeps the local copies of the target's S3 files ({@code in/}, {@code out/}). */
    public Path stagingDirectory() {
        return WorkLayout.of(workDirectory).staging("transform");
    }

    /** Where the JSON reports go. */
    public Path reportsDirectory() {
        return WorkLayout.of(workDirectory).reports();
    }

    @Override
    public String toString() {
        return "TransformSpec[projectDirectory=" + projectDirectory + ", profilesDirectory=" + profilesDirectory
                + ", target=" + target + ", vars=" + vars.keySet() + ", select=" + select + ", exclude=" + exclude
                + ", state=" + stateDirectory + ", engine=" + engine + ", jvm=" + jvm
                + ", fullRefresh=" + fullRefresh + ", environment=" + environment.keySet() + "]";
    }
}
