package dev.ecommerce.core.transform;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.TransformEngineKind;
import java.nio.file.Path;
import java.util.List;

/**
 * What a transform did, whichever engine ran it.
 *
 * @param engine the engine that ran
 * @param target the profile's target that ran, or null when the dbt CLI used the profile's default
 * @param nodes every node's outcome, in execution order
 * @param seconds wall-clock time of the whole run
 * @param timings the embedded engine's own time apart from DuckDB's (null for the dbt CLI)
 * @param runResults the {@code run_results.json} written
 * @param faults what made nodes error that is not the data's or the SQL's fault (a network or disk fault, a
 *     bad location): the build reports the failure as that kind, with it as the cause
 */
public record TransformResult(
        TransformEngineKind engine,
        String target,
        List<NodeResult> nodes,
        double seconds,
        Timings timings,
        Path runResults,
        List<EcommerceException> faults) {

    public TransformResult {
        nodes = List.copyOf(nodes);
        faults = List.copyOf(faults);
    }

    /**
     * Where the embedded engine's time went.
     *
     * @param parseSeconds reading dbt_project.yml, profiles.yml, schema files and SQL files (or the kept parse)
     * @param renderSeconds rendering Jinja (models, tests, macros), compiling and planning the tests: with
     *     {@code parseSeconds} and {@code dagSeconds}, all the time before the first node runs
     * @param dagSeconds building, checking and ordering the DAG, selection
     * @param querySeconds DuckDB executing the SQL
     * @param artifactSeconds writing manifest.json, run_results.json and compiled SQL
     */
    public record Timings(
            double parseSeconds, double renderSeconds, double dagSeconds, double querySeconds, double artifactSeconds)
            implements java.io.Serializable {

        /** The engine's overhead: everything but DuckDB's query time and artifact writing. */
        public double overheadSeconds() {
            return parseSeconds + renderSeconds + dagSeconds;
        }
    }

    /** Nodes with a given status. */
    public List<NodeResult> withStatus(NodeResult.Status status) {
        return nodes.stream().filter(n -> n.status() == status).toList();
    }

    /** True when no model errored and no test failed. */
    public boolean succeeded() {
        return nodes.stream().noneMatch(n -> n.status().isFailure());
    }
}
