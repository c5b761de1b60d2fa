package dev.ecommerce.core.transform.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.transform.graph.Selectable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param invocationId the run's id, in every artifact's metadata
 */
public record Artifacts(Path targetDirectory, String project, String invocationId) {

    public static final String RUN_RESULTS_SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";
    public static final String MANIFEST_SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";
    static final String DBT_VERSION = "embedded (ecommerce-maven-plugin)";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A node as the manifest shows it.
     *
     * @param resource the node as selection saw it: its fqn, checksum and unrendered configs, which dbt's
     *     {@code --state} compares; null when it has none (a disabled model's unit test)
     */
    public record ManifestNode(
            String uniqueId,
            String resourceType,
            String name,
            String file,
            String materialized,
            String schema,
            String alias,
            List<String> tags,
            List<String> dependsOn,
            String rawCode,
            String compiledCode,
            Selectable resource) {}

    /** One executed node as run_results.json shows it; {@code status} is dbt's word. */
    public record RunResult(
            String uniqueId, String status, double seconds, Long failures, String message, long rowsAffected) {}

    /** A source table as the manifest shows it. */
    public record ManifestSource(
            String uniqueId, String sourceName, String name, String schema, String identifier, String file) {}

    private Map<String, Object> metadata(String schema) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("dbt_schema_version", schema);
        metadata.put("dbt_version", DBT_VERSION);
        metadata.put("generated_at", Instant.now().toString());
        metadata.put("invocation_id", invocationId);
        metadata.put("env", Map.of());
        return metadata;
    }

    /** Writes {@code manifest.json}. */
    public void writeManifest(List<ManifestNode> nodes, List<ManifestSource> sources) {
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
        }
        for (ManifestNode node : nodes) {
            children.putIfAbsent(node.uniqueId(), new ArrayList<>());
        }
        for (ManifestNode node : nodes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("unique_id", node.uniqueId());
            entry.put("resource_type", node.resourceType());
            entry.put("package_name", project);
            entry.put("name", node.name());
            entry.put("path", stripFirst(node.file()));
            entry.put("original_file_path", node.file());
            Selectable resource = node.resource();
            if (resource != null) {
                entry.put("fqn", resource.fqn());
                Map<String, Object> checksum = new LinkedHashMap<>();
                checksum.put("name", resource.checksum().name());
                checksum.put("checksum", resource.checksum().checksum());
                entry.put("checksum", checksum);
            }
            entry.put("schema", node.schema());
            entry.put("alias", node.alias());
            entry.put("tags", node.tags());
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("materialized", node.materialized());
            config.put("schema", node.schema());
            config.put("tags", node.tags());
            entry.put("config", config);
            entry.put("unrendered_config", resource == null ? Map.of() : resource.unrenderedConfig());
            Map<String, Object> dependsOn = new LinkedHashMap<>(); // a fixed key order: the same bytes every run
            dependsOn.put("macros", List.of());
            dependsOn.put("nodes", node.dependsOn());
            entry.put("depends_on", dependsOn);
            entry.put("raw_code", node.rawCode());
            entry.put("compiled", node.compiledCode() != null);
            entry.put("compiled_code", node.compiledCode());
            entry.put("language", "sql");
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
            entry.put("unique_id", source.uniqueId());
            entry.put("resource_type", "source");
            entry.put("package_name", project);
            entry.put("source_name", source.sourceName());
            entry.put("name", source.name());
            entry.put("schema", source.schema());
            entry.put("identifier", source.identifier());
            entry.put("original_file_path", source.file());
            sourceMap.put(source.uniqueId(), entry);
        }
        manifest.put("sources", sourceMap);
        manifest.put("parent_map", parents);
        manifest.put("child_map", children);
        write("manifest.json", manifest);
    }

    /** Writes {@code run_results.json}; returns its path. */
    public Path writeRunResults(
            List<RunResult> results, Map<String, String> compiled, double elapsed, Map<String, Object> args) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("metadata", metadata(RUN_RESULTS_SCHEMA));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RunResult result : results) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status());
            entry.put("timing", List.of());
            entry.put("thread_id", "Thread-1");
            entry.put("execution_time", Math.round(result.seconds() * 1e6) / 1e6);
            Map<String, Object> adapterResponse = new LinkedHashMap<>();
            if (!result.status().equals("skipped")) {
                adapterResponse.put("_message", result.status().equals("error") ? "ERROR" : "OK");
                if (result.rowsAffected() >= 0) {
                    adapterResponse.put("rows_affected", result.rowsAffected());
                }
            }
            entry.put("adapter_response", adapterResponse);
            entry.put("message", result.message());
            entry.put("failures", result.failures());
            entry.put("unique_id", result.uniqueId());
            entry.put("compiled", compiled.containsKey(result.uniqueId()));
            entry.put("compiled_code", compiled.get(result.uniqueId()));
            entries.add(entry);
        }
        document.put("results", entries);
        document.put("elapsed_time", Math.round(elapsed * 1e6) / 1e6);
        document.put("args", args);
        return write("run_results.json", document);
    }

    /** Writes a node's compiled SQL to {@code compiled/<project>/<file>}, as dbt does. */
    public void writeCompiled(String file, String sql) {
        Path target =
                AtomicFiles.resolveInside(targetDirectory.resolve("compiled").resolve(project), file);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create " + target.getParent(), e);
        }
        AtomicFiles.write(target, invocationId, temporary -> Files.writeString(temporary, sql));
    }

    private Path write(String name, Object document) {
        Path target = targetDirectory.resolve(name);
        try {
            Files.createDirectories(targetDirectory);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create " + targetDirectory, e);
        }
        AtomicFiles.write(target, invocationId, temporary -> JSON.writeValue(temporary.toFile(), document));
        return target;
    }

    private static String stripFirst(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }
}
