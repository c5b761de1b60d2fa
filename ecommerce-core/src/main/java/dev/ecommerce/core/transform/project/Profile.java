package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One output of {@code profiles.yml}, with {@code env_var} and {@code var} rendered in its values.
 *
 * @param target the output's name ({@code local}, {@code dev}, {@code prod})
 * @param path the DuckDB database: a file (relative to the project), or {@code md:...} for MotherDuck
 * @param schema the target schema
 * @param threads the configured threads (the embedded engine runs one node at a time)
 * @param settings DuckDB settings applied with {@code SET}
 * @param extensions DuckDB extensions to load
 * @param externalRoot where {@code external} models are written ({@code external_root}; a folder or
 *     {@code s3://bucket/prefix}), or null
 * @param s3Secret the {@code secrets:} entry of type s3, or null
 */
public record Profile(
        String target,
        String path,
        String schema,
        int threads,
        Map<String, String> settings,
        List<String> extensions,
        String externalRoot,
        ProfileS3Secret s3Secret) {

    private static final Set<String> OUTPUT_KEYS = Set.of(
            "type",
            "path",
            "schema",
            "threads",
            "settings",
            "extensions",
            "database",
            "external_root",
            "attach",
            "plugins",
            "filesystems",
            "secrets");

    /** What {@code target} shows in Jinja. */
    public Map<String, Object> jinja() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", target);
        values.put("schema", schema);
        values.put("type", "duckdb");
        values.put("threads", threads);
        values.put("path", path);
        values.put("profile_name", target);
        values.put("database", databaseName());
        return values;
    }

    /** dbt-duckdb's {@code target.database}: the database file's name without extension, MotherDuck's name. */
    public String databaseName() {
        String name = path == null ? "memory" : path;
        int query = name.indexOf('?');
        name = query < 0 ? name : name.substring(0, query);
        if (name.startsWith("md:") || name.startsWith("motherduck:")) {
            name = name.substring(name.indexOf(':') + 1);
            return name.isEmpty() ? "my_db" : name;
        }
        if (name.equals(":memory:") || name.isEmpty()) {
            return "memory";
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * True when the target reads or writes files outside the database (an {@code external_root} or an S3
     * secret): the embedded engine stages them through Java, so it skips the DuckDB extensions this replaces.
     */
    public boolean stagesFiles() {
        return externalRoot != null || s3Secret != null;
    }

    /** True for a MotherDuck database. */
    /**
     * The database path for messages and log lines: without its query string, where dbt-duckdb users may put
     * {@code ?motherduck_token=...}.
     */
    public String displayPath() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query) + "?...";
    }

    public boolean isMotherDuck() {
        return path.startsWith("md:") || path.startsWith("motherduck:");
    }

    /**
     * Reads {@code profiles.yml} in {@code directory} and picks the output named {@code target} (or the default).
     *
     * @param renderer renders Jinja ({@code env_var}, {@code var}) in a value
     */
    public static Profile load(Path directory, String profileName, String target, UnaryOperator<String> renderer) {
        Path file = directory.resolve("profiles.yml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("No profiles.yml in " + directory + ": set "
                    + Setting.TRANSFORM_PROFILES_DIRECTORY.ref() + " to the folder that has it.");
        }
        Map<String, Object> profiles = Yaml.readMap(file, "profiles.yml");
        Object profile = profiles.get(profileName);
        if (!(profile instanceof Map<?, ?>)) {
            throw new ConfigurationException("profiles.yml has no profile '" + profileName
                    + "' (the profile dbt_project.yml names); it has " + profiles.keySet() + ".");
        }
        Map<String, Object> entry = Yaml.map(profile, "profiles.yml " + profileName);
        String chosen = target != null
                ? target
                : entry.get("target") == null ? null : render(renderer, String.valueOf(entry.get("target")));
        Map<String, Object> outputs = Yaml.map(entry.get("outputs"), "profiles.yml " + profileName + " outputs");
        if (chosen == null || !(outputs.get(chosen) instanceof Map<?, ?>)) {
            throw new ConfigurationException("profiles.yml profile '" + profileName + "' has no output '" + chosen
                    + "': set " + Setting.TRANSFORM_TARGET.ref() + " to one of " + outputs.keySet() + ".");
        }
        String where = "profiles.yml " + profileName + ".outputs." + chosen;
        Map<String, Object> output = Yaml.map(outputs.get(chosen), where);
        Yaml.onlyKeys(output, OUTPUT_KEYS, where);
        String type = render(renderer, String.valueOf(output.get("type")));
        if (!"duckdb".equals(type)) {
            throw new ConfigurationException(where + ": type '" + type + "' is not supported by the embedded engine"
                    + " (duckdb only); run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
        }
        for (String unsupported : List.of("attach", "plugins", "filesystems")) {
            if (output.containsKey(unsupported)) {
                throw new ConfigurationException(where + ": '" + unsupported + "' is not supported by the embedded"
                        + " engine: remove it, or run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
            }
        }
        String path = output.get("path") == null ? ":memory:" : render(renderer, String.valueOf(output.get("path")));
        if (path.startsWith("s3://") || path.startsWith("gs://") || path.startsWith("http")) {
            throw new ConfigurationException(where + ": a database at " + path + " is not supported by the embedded"
                    + " engine yet: use target local, or " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
        }
        String schema = output.get("schema") == null ? "main" : render(renderer, String.valueOf(output.get("schema")));
        int threads;
        try {
            threads = output.get("threads") == null
                    ? 1
                    : Integer.parseInt(render(renderer, String.valueOf(output.get("threads")))
                            .trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    where + ": threads must be a whole number, got '" + output.get("threads") + "'.");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Yaml.map(output.get("settings"), where + " settings")
                .forEach((k, v) -> settings.put(k, render(renderer, String.valueOf(v))));
        List<String> extensions = Yaml.strings(output.get("extensions"), where + " extensions").stream()
                .map(e -> render(renderer, e))
                .toList();
        String externalRoot = output.get("external_root") == null
                ? null
                : render(renderer, String.valueOf(output.get("external_root"))).trim();
        return new Profile(
                chosen,
                path,
                schema,
                threads,
                settings,
                extensions,
                externalRoot == null || externalRoot.isEmpty() ? null : externalRoot,
                ProfileS3Secret.parse(output.get("secrets"), where, renderer));
    }

    private static String render(UnaryOperator<String> renderer, String text) {
        return text.contains("{") ? renderer.apply(text) : text;
    }

    /** The database file, resolved against the project folder as dbt-duckdb does from its working folder. */
    public Path file(Path projectDirectory) {
        return projectDirectory.resolve(path).normalize();
    }
}
