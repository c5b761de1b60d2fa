package dev.ecommerce.core.transform.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.transform.graph.MacroGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's artifacts in dbt's shape, so tools that read them work: {@code manifest.json} (lineage: nodes,
 * sources, parent and child maps), {@code run_results.json} (one entry per executed node) and the compiled
 * SQL under {@code compiled/<project>/}. Every file is written atomically.
 *
 * @param targetDirectory the project's {@code target/}
 * @param project the dbt project's name
 * @param packages the names of its packages by the prefix of their files (their folder from the project's)
 * @param invocationId the run's id, in every artifact's metadata
 */
public record Artifacts(Path targetDirectory, String project, String invocationId, Map<String, String> packages) {

    /** The artifacts of a project without packages. */
    public Artifacts(Path targetDirectory, String project, String invocationId) {
        this(targetDirectory, project, invocationId, Map.of());
    }

    public static final String RUN_RESULTS_SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";
    public static final String MANIFEST_SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";
    static final String DBT_VERSION = "embedded (ecommerce-maven-plugin)";

    private static final ObjectMapper COMPACT = new ObjectMapper();

    /**
     * A node (model, seed or data test) as the manifest shows it.
     *
     * @param path the file's path as dbt writes it (under its resource path, or a generic test's pseudo file)
     * @param fqn dbt's fully qualified name: the project, the folders, the name
     * @param config the node's config as dbt's manifest shows it
     * @param checksum the sha256 of the node's file, or null for a generic test (dbt's {@code none})
     * @param extra more fields of this kind of node (a generic test's {@code test_metadata}, {@code column_name})
     */
    public record ManifestNode(
            String uniqueId,
            String resourceType,
            String name,
            String file,
            String path,
            List<String> fqn,
            String database,
            String schema,
            String alias,
            Map<String, Object> config,
            List<String> tags,
            List<String> dependsOn,
            String rawCode,
            String compiledCode,
            String checksum,
            Map<String, Object> extra) {}

    /** A unit test as the manifest's {@code unit_tests} shows it; its tags are in its config, as in dbt. */
    public record ManifestUnitTest(
            String uniqueId,
            String name,
            String model,
            String file,
            List<String> fqn,
            List<Map<String, Object>> given,
            Map<String, Object> expect,
            List<String> tags,
            List<String> dependsOn) {}

    /**
     * One executed node as run_results.json shows it; {@code status} is dbt's word.
     *
     * @param timing its compile and execute steps (none for a skipped node)
     * @param threadId {@code main} for an {@code on-run-start} or {@code on-run-end} hook (no adapter response,
     *     as in dbt), else the node thread's name
     */
    public record RunResult(
            String uniqueId,
            String status,
            double seconds,
            Long failures,
            String message,
            long rowsAffected,
            String relationName,
            List<Timing> timing,
            String threadId) {}

    /** A source table as the manifest shows it. */
    public record ManifestSource(
            String uniqueId,
            String sourceName,
            String name,
            String database,
            String schema,
            String identifier,
            String file,
            List<String> fqn,
            String relationName) {}

    private Map<String, Object> metadata(String schema) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("dbt_schema_version", schema);
        metadata.put("dbt_version", DBT_VERSION);
        metadata.put("generated_at", Instant.now().toString());
        metadata.put("invocation_id", invocationId);
        metadata.put("env", Map.of());
        return metadata;
    }

    /** Writes {@code manifest.json} with every key dbt's schema (v12) requires. */
    public void writeManifest(List<ManifestNode> nodes, List<ManifestSource> sources, List<ManifestUnitTest> units) {
        writeManifest(nodes, sources, units, MacroGraph.NONE);
    }

    /**
     * Writes {@code manifest.json} with every key dbt's schema (v12) requires, the project's macros under
     * {@code macros} and the ones each node calls in its {@code depends_on.macros}.
     */
    public void writeManifest(
            List<ManifestNode> nodes, List<ManifestSource> sources, List<ManifestUnitTest> units, MacroGraph macros) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        Map<String, Object> metadata = metadata(MANIFEST_SCHEMA);
        metadata.put("project_name", project);
        metadata.put("adapter_type", "duckdb");
        manifest.put("metadata", metadata);
        Map<String, Object> nodeMap = new LinkedHashMap<>();
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (ManifestSource source : sources) {
            children.put(source.uniqueId(), new ArrayList<>());
            parents.put(source.uniqueId(), List.of());
        }
        for (ManifestNode node : nodes) {
            children.putIfAbsent(node.uniqueId(), new ArrayList<>());
        }
        for (ManifestNode node : nodes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("database", node.database());
            entry.put("schema", node.schema());
            entry.put("name", node.name());
            entry.put("resource_type", node.resourceType());
            entry.put("package_name", packageOf(node.file()));
            entry.put("path", node.path());
            entry.put("original_file_path", inPackage(node.file()));
            entry.put("unique_id", node.uniqueId());
            entry.put("fqn", node.fqn());
            entry.put("alias", node.alias());
            entry.put("checksum", checksum(node.checksum()));
            entry.put("config", node.config());
            entry.put("tags", node.tags());
            boolean seed = node.resourceType().equals("seed"); // dbt's seeds have no SQL and no parents
            Map<String, Object> dependsOn = new LinkedHashMap<>(); // a fixed key order: the same bytes every run
            dependsOn.put("macros", macros.macrosOf(node.uniqueId()));
            if (!seed) {
                dependsOn.put("nodes", node.dependsOn());
            }
            entry.put("depends_on", dependsOn);
            entry.put("raw_code", node.rawCode() == null ? "" : node.rawCode());
            if (!seed) {
                entry.put("compiled", node.compiledCode() != null);
                entry.put("compiled_code", node.compiledCode());
                entry.put("language", "sql");
            }
            entry.putAll(node.extra());
            nodeMap.put(node.uniqueId(), entry);
            parents.put(node.uniqueId(), node.dependsOn());
            node.dependsOn()
                    .forEach(p ->
                            children.computeIfAbsent(p, k -> new ArrayList<>()).add(node.uniqueId()));
        }
        manifest.put("nodes", nodeMap);
        Map<String, Object> sourceMap = new LinkedHashMap<>();
        for (ManifestSource source : sources) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("database", source.database());
            entry.put("schema", source.schema());
            entry.put("name", source.name());
            entry.put("resource_type", "source");
            entry.put("package_name", packageOf(source.file()));
            entry.put("path", inPackage(source.file()));
            entry.put("original_file_path", inPackage(source.file()));
            entry.put("unique_id", source.uniqueId());
            entry.put("fqn", source.fqn());
            entry.put("source_name", source.sourceName());
            entry.put("source_description", "");
            entry.put("loader", "");
            entry.put("identifier", source.identifier());
            entry.put("relation_name", source.relationName());
            sourceMap.put(source.uniqueId(), entry);
        }
        manifest.put("sources", sourceMap);
        Map<String, Object> unitMap = new LinkedHashMap<>();
        for (ManifestUnitTest unit : units) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", unit.model());
            entry.put("given", unit.given());
            entry.put("expect", unit.expect());
            entry.put("name", unit.name());
            entry.put("resource_type", "unit_test");
            entry.put("package_name", packageOf(unit.file()));
            entry.put("path", stripFirst(inPackage(unit.file())));
            entry.put("original_file_path", inPackage(unit.file()));
            entry.put("unique_id", unit.uniqueId());
            entry.put("fqn", unit.fqn());
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("tags", unit.tags());
            config.put("meta", Map.of());
            config.put("enabled", true);
            entry.put("config", config);
            entry.put("depends_on", Map.of("macros", List.of(), "nodes", unit.dependsOn()));
            unitMap.put(unit.uniqueId(), entry);
            parents.put(unit.uniqueId(), unit.dependsOn());
            unit.dependsOn()
                    .forEach(p ->
                            children.computeIfAbsent(p, k -> new ArrayList<>()).add(unit.uniqueId()));
            children.putIfAbsent(unit.uniqueId(), new ArrayList<>());
        }
        manifest.put("macros", macroEntries(macros));
        for (String key : List.of("docs", "exposures", "metrics", "groups", "selectors", "disabled")) {
            manifest.put(key, Map.of());
        }
        manifest.put("parent_map", parents);
        manifest.put("child_map", children);
        manifest.put("group_map", Map.of());
        manifest.put("saved_queries", Map.of());
        manifest.put("semantic_models", Map.of());
        manifest.put("unit_tests", unitMap);
        write("manifest.json", manifest, COMPACT); // as dbt writes it: one line (a fifth of the time)
    }

    /** The manifest's {@code macros}: per macro what dbt's v12 schema requires, and its arguments and calls. */
    private Map<String, Object> macroEntries(MacroGraph macros) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (MacroGraph.Macro macro : macros.macros().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", macro.name());
            entry.put("resource_type", "macro");
            entry.put("package_name", project);
            entry.put("path", macro.file());
            entry.put("original_file_path", macro.file());
            entry.put("unique_id", macro.uniqueId());
            entry.put("macro_sql", macro.sql());
            entry.put("depends_on", Map.of("macros", macro.dependsOn()));
            entry.put("description", "");
            entry.put("meta", Map.of());
            entry.put("docs", Map.of("show", true));
            entry.put("patch_path", null);
            entry.put(
                    "arguments",
                    macro.arguments().stream()
                            .map(a -> Map.of("name", a, "description", ""))
                            .toList());
            entry.put("supported_languages", null);
            entries.put(macro.uniqueId(), entry);
        }
        return entries;
    }

    private static Map<String, Object> checksum(String sha256) {
        Map<String, Object> checksum = new LinkedHashMap<>();
        checksum.put("name", sha256 == null ? "none" : "sha256");
        checksum.put("checksum", sha256 == null ? "" : sha256);
        return checksum;
    }

    /** Writes {@code run_results.json}; returns its path. */
    public Path writeRunResults(List<byte[]> results, double elapsed, Map<String, Object> args) {
        Path target = targetDirectory.resolve("run_results.json");
        try {
            Files.createDirectories(targetDirectory);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create " + targetDirectory, e);
        }
        AtomicFiles.write(target, invocationId, temporary -> {
            // one line, as dbt writes it; the results as made ahead (runResultJson), joined
            try (java.io.OutputStream out =
                    new java.io.BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                out.write("{\"metadata\":".getBytes(StandardCharsets.UTF_8));
                out.write(COMPACT.writeValueAsBytes(metadata(RUN_RESULTS_SCHEMA)));
                out.write(",\"results\":[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < results.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(results.get(i));
                }
                out.write(("],\"elapsed_time\":" + Math.round(elapsed * 1e6) / 1e6 + ",\"args\":")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(COMPACT.writeValueAsBytes(args));
                out.write('}');
            }
        });
        return target;
    }

    /**
     * One entry of {@code run_results.json}'s results, as JSON.
     *
     * @param code the SQL it ran, shown when {@code compiled}
     */
    public static byte[] runResultJson(RunResult result, String code, boolean compiled) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", result.status());
        entry.put("timing", result.timing().stream().map(Timing::json).toList());
        entry.put("thread_id", result.threadId());
        entry.put("execution_time", Math.round(result.seconds() * 1e6) / 1e6);
        Map<String, Object> adapterResponse = new LinkedHashMap<>();
        if (!result.status().equals("skipped") && !result.threadId().equals(Timing.HOOK_THREAD)) {
            adapterResponse.put("_message", result.status().equals("error") ? "ERROR" : "OK");
            if (result.rowsAffected() >= 0) {
                adapterResponse.put("rows_affected", result.rowsAffected());
            }
        }
        entry.put("adapter_response", adapterResponse);
        entry.put("message", result.message());
        entry.put("failures", result.failures());
        entry.put("unique_id", result.uniqueId());
        entry.put("compiled", compiled);
        entry.put("compiled_code", code);
        entry.put("relation_name", result.relationName());
        try {
            return COMPACT.writeValueAsBytes(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A run result cannot be written as JSON", e);
        }
    }

    /** Writes a node's compiled SQL to {@code compiled/<project>/<file>}, as dbt does. */
    public void writeCompiled(String file, String sql) {
        writeSql("compiled", file, sql);
    }

    /** Writes the statements a node ran to {@code run/<project>/<file>}, as dbt does. */
    public void writeRun(String file, String sql) {
        writeSql("run", file, sql);
    }

    /**
     * Writes one SQL file of {@code compiled/} or {@code run/}. A file that already holds this text is left
     * alone (a run that changed nothing rewrites nothing), and the rest are written through a temporary file
     * and one rename: thousands of small files must not cost a checksum and a directory scan each.
     */
    private void writeSql(String folder, String file, String sql) {
        Path target =
                AtomicFiles.resolveInside(targetDirectory.resolve(folder).resolve(packageOf(file)), inPackage(file));
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Path temporary = target.resolveSibling("." + target.getFileName() + "." + invocationId + ".tmp");
            try {
                Files.write(temporary, bytes);
            } catch (NoSuchFileException e) { // the first file of its folder
                Files.createDirectories(target.getParent());
                Files.write(temporary, bytes);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private Path write(String name, Object document, ObjectMapper mapper) {
        Path target = targetDirectory.resolve(name);
        try {
            Files.createDirectories(targetDirectory);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create " + targetDirectory, e);
        }
        AtomicFiles.write(target, invocationId, temporary -> mapper.writeValue(temporary.toFile(), document));
        return target;
    }

    /** A file's path as dbt's manifest writes it: relative to its resource folder ({@code models/a/b.sql} is {@code a/b.sql}). */
    public static String resourcePath(String file) {
        return stripFirst(file);
    }

    /** dbt's fully qualified name of a node defined in {@code file}: the project, the file's folders, the name. */
    public List<String> fqn(String file, String... names) {
        List<String> fqn = new ArrayList<>();
        fqn.add(packageOf(file));
        String path = stripFirst(inPackage(file));
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            fqn.addAll(List.of(path.substring(0, slash).split("/")));
        }
        fqn.addAll(List.of(names));
        return fqn;
    }

    /** The package {@code file} (named from the root project's folder) belongs to, by {@link #packages}' prefixes. */
    private String packageOf(String file) {
        for (Map.Entry<String, String> pkg : packages.entrySet()) {
            if (file.startsWith(pkg.getKey())) {
                return pkg.getValue();
            }
        }
        return project;
    }

    /** {@code file} relative to its package's folder. */
    private String inPackage(String file) {
        for (String prefix : packages.keySet()) {
            if (file.startsWith(prefix)) {
                return file.substring(prefix.length());
            }
        }
        return file;
    }

    private static String stripFirst(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }
}
