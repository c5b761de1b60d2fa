package dev.ecommerce.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.io.Json;
import dev.ecommerce.core.transform.dbt.ProcessRunner;
import dev.ecommerce.core.transform.project.Yaml;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dbt CLI engine: one {@code dbt build} process in the project folder, with the spec's environment
 * (secrets such as {@code MOTHERDUCK_TOKEN} only there), output streamed line by line; its exit code and
 * {@code target/run_results.json} become the same result the embedded engine returns.
 */
final class DbtCliEngine implements TransformEngine {

    private static final ObjectMapper JSON = Json.mapper();

    @Override
    public TransformResult run(TransformSpec spec, Consumer<String> log) {
        long start = System.nanoTime();
        Path executable = executable(spec);
        List<String> command = command(executable, spec);
        log.accept("Running " + String.join(" ", command) + " in " + spec.projectDirectory());
        Path runResults = spec.projectDirectory().resolve("target").resolve("run_results.json");
        try {
            Files.deleteIfExists(runResults); // a stale file must not pass for this run's results
        } catch (IOException e) {
            throw new InfrastructureException("Cannot delete the previous " + runResults, e);
        }
        int exit = ProcessRunner.run(command, spec.projectDirectory(), spec.environment(), log);
        if (!Files.isRegularFile(runResults)) {
            if (exit == 0) {
                throw new InfrastructureException(
                        String.join(" ", command) + " exited with 0 but wrote no " + runResults, null);
            }
            throw new ConfigurationException(String.join(" ", command) + " failed with exit code " + exit
                    + " before running any node (see its output above): check the dbt project, profiles.yml and"
                    + " " + Setting.TRANSFORM_TARGET.ref() + ".");
        }
        List<NodeResult> nodes =
                read(runResults, spec.projectDirectory().resolve("target").resolve("manifest.json"));
        if (exit != 0 && nodes.stream().noneMatch(n -> n.status().isFailure())) {
            throw new InfrastructureException(
                    String.join(" ", command) + " failed with exit code " + exit + " although every node in "
                            + runResults + " succeeded (see its output above).",
                    null);
        }
        return new TransformResult(
                TransformEngineKind.DBT,
                spec.target(),
                nodes,
                (System.nanoTime() - start) / 1e9,
                null,
                runResults,
                List.of());
    }

    /** {@code dbt build} with the spec's options; vars as JSON, never secrets. */
    static List<String> command(Path executable, TransformSpec spec) {
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "build",
                "--project-dir",
                spec.projectDirectory().toString(),
                "--profiles-dir",
                spec.profilesDirectory().toString()));
        if (spec.target() != null) {
            command.addAll(List.of("--target", spec.target()));
        }
        if (!spec.vars().isEmpty()) {
            command.addAll(List.of("--vars", Yaml.json(spec.vars())));
        }
        if (!spec.select().isEmpty()) {
            command.add("--select");
            command.addAll(spec.select());
        }
        if (!spec.exclude().isEmpty()) {
            command.add("--exclude");
            command.addAll(spec.exclude());
        }
        if (spec.stateDirectory() != null) {
            command.addAll(List.of("--state", spec.stateDirectory().toString()));
        }
        if (spec.fullRefresh()) {
            command.add("--full-refresh");
        }
        return command;
    }

    /** The configured executable, else {@code dbt} on the spec's PATH. */
    static Path executable(TransformSpec spec) {
        if (spec.dbtExecutable() != null) {
            if (!Files.isExecutable(spec.dbtExecutable())) {
                throw new ConfigurationException("The dbt executable " + spec.dbtExecutable() + " does not exist or"
                        + " cannot be run: fix " + Setting.TRANSFORM_DBT_EXECUTABLE.ref() + ".");
            }
            return spec.dbtExecutable();
        }
        String path = spec.environment().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : List.of("dbt", "dbt.exe")) {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ConfigurationException(Setting.TRANSFORM_ENGINE.set("dbt")
                + " needs the dbt CLI (dbt-core with dbt-duckdb), but there is no dbt"
                + " on the PATH: install it, set " + Setting.TRANSFORM_DBT_EXECUTABLE.ref() + ", or use "
                + Setting.TRANSFORM_ENGINE.set("embedded") + ".");
    }

    /** Node results from run_results.json, with each node's file from manifest.json when it is there. */
    static List<NodeResult> read(Path runResults, Path manifest) {
        try {
            JsonNode document = JSON.readTree(runResults.toFile());
            Map<String, String> files = new HashMap<>();
            if (Files.isRegularFile(manifest)) {
                JsonNode nodes = JSON.readTree(manifest.toFile()).path("nodes");
                nodes.fields()
                        .forEachRemaining(e -> files.put(
                                e.getKey(),
                                e.getValue().path("original_file_path").asText(null)));
            }
            List<NodeResult> results = new ArrayList<>();
            for (JsonNode entry : document.path("results")) {
                String id = entry.path("unique_id").asText();
                JsonNode failures = entry.path("failures");
                JsonNode rows = entry.path("adapter_response").path("rows_affected");
                results.add(new NodeResult(
                        id,
                        id.contains(".") ? id.substring(0, id.indexOf('.')) : "model",
                        files.get(id),
                        NodeResult.Status.ofDbt(entry.path("status").asText()),
                        entry.path("execution_time").asDouble(),
                        failures.isNumber() ? failures.asLong() : null,
                        entry.path("message").isNull()
                                ? null
                                : entry.path("message").asText(null),
                        rows.isNumber() ? rows.asLong() : -1));
            }
            return results;
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + runResults + ": " + e.getMessage(), e);
        }
    }
}
