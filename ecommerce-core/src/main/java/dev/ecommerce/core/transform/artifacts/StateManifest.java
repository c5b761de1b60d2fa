package dev.ecommerce.core.transform.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.io.Json;
import dev.ecommerce.core.transform.graph.Checksum;
import dev.ecommerce.core.transform.graph.MacroGraph;
import dev.ecommerce.core.transform.graph.PreviousState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a previous run's {@code manifest.json} as dbt's {@code --state} does: per node and source its
 * checksum, its {@code unrendered_config} and its {@code fqn}; per macro its {@code macro_sql}. A manifest written by dbt or by the embedded
 * engine will do.
 */
public final class StateManifest {

    private static final ObjectMapper JSON = Json.mapper();

    private StateManifest() {}

    /**
     * @param folder the folder holding {@code manifest.json}
     * @param setting the setting that names the folder, for messages
     */
    @SuppressWarnings("unchecked")
    public static PreviousState read(Path folder, String setting) {
        Path file = folder.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("No manifest.json in " + folder + ": set " + setting
                    + " to the folder of a previous run's manifest.json (its target/ folder, or a copy of it).");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + " (" + e.getMessage() + "): set " + setting
                    + " to the folder of a manifest.json that dbt or the embedded engine wrote.");
        }
        if (manifest == null || !manifest.path("nodes").isObject()) {
            throw new ConfigurationException(file + " has no nodes, so it is no dbt manifest: set " + setting
                    + " to the folder of a manifest.json that dbt or the embedded engine wrote.");
        }
        Map<String, PreviousState.Node> nodes = new LinkedHashMap<>();
        for (String section : List.of("nodes", "sources", "unit_tests")) {
            manifest.path(section).fields().forEachRemaining(entry -> {
                JsonNode node = entry.getValue();
                JsonNode checksum = node.path("checksum");
                List<String> fqn = new ArrayList<>();
                node.path("fqn").forEach(part -> fqn.add(part.asText()));
                nodes.put(
                        entry.getKey(),
                        new PreviousState.Node(
                                checksum.isObject()
                                        ? new Checksum(
                                                checksum.path("name").asText(),
                                                checksum.path("checksum").asText())
                                        : null,
                                node.path("unrendered_config").isObject()
                                        ? JSON.convertValue(node.get("unrendered_config"), Map.class)
                                        : Map.of(),
                                fqn));
            });
        }
        Map<String, String> macros = new LinkedHashMap<>();
        manifest.path("macros")
                .fields()
                .forEachRemaining(entry -> macros.put(
                        entry.getKey(), entry.getValue().path("macro_sql").asText()));
        return new PreviousState(nodes, macros, MacroGraph.NONE);
    }
}
