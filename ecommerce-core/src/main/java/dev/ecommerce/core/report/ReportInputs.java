package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.WorkLayout;
import dev.ecommerce.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the goals wrote, as read for the report; a part a goal did not write in this run is a missing node. The
 * validation report and dbt's artifacts outlive their run, so they are taken only when the run manifest says
 * that this run validated or transformed.
 *
 * @param run the run manifest ({@code manifest.json})
 * @param validation {@code reports/validation.json} of this run
 * @param dbtManifest dbt's {@code manifest.json} of this run's transform (nodes, sources, depends_on)
 * @param runResults dbt's {@code run_results.json} of this run's transform
 */
record ReportInputs(JsonNode run, JsonNode validation, JsonNode dbtManifest, JsonNode runResults) {

    private static final ObjectMapper JSON = Json.mapper();

    static ReportInputs read(WorkLayout layout) {
        JsonNode run = json(layout.manifest());
        JsonNode validation = MissingNode.getInstance();
        if (run.has("validation")) {
            JsonNode report = json(layout.validationReport());
            if (report.path("runId").asText().equals(run.path("runId").asText())) {
                validation = report;
            }
        }
        boolean transformed = run.has("transform");
        return new ReportInputs(
                run,
                validation,
                transformed ? json(layout.dbtManifest()) : MissingNode.getInstance(),
                transformed ? json(layout.dbtRunResults()) : MissingNode.getInstance());
    }

    String runId() {
        return run.path("runId").asText("");
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file + " for the run report: " + e.getMessage(), e);
        }
    }
}
