package dev.ecommerce.core.transform;

import dev.ecommerce.core.transform.artifacts.Artifacts;
import dev.ecommerce.core.transform.artifacts.Timing;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code run_results.json}'s entries, each turned into JSON on a thread of its own as its node finishes (while
 * DuckDB works): writing the file at the end of a run of 20,000 nodes then mostly joins them. An entry whose
 * result or SQL is not at the end what it was when made ahead is made again then, so the file is the same
 * either way.
 */
final class RunResultsAhead {

    /** An entry made ahead: what it was made from (the very objects), and its JSON. */
    private record Made(NodeResult result, List<Timing> timing, String code, boolean compiled, byte[] json) {}

    private final Map<String, String> relations = new HashMap<>();
    private final Set<String> seeds = new HashSet<>();
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dbt-run-results");
        thread.setDaemon(true);
        return thread;
    });

    RunResultsAhead(Plan plan) {
        for (PlannedNode node : plan.nodes().values()) {
            String id = node.uniqueId(plan.dbt());
            if (!node.isEphemeral()) {
                relations.put(id, node.relation().sql());
            }
            if (node.seed() != null) {
                seeds.add(id);
            }
        }
    }

    /**
     * @param relations the relation of each node by unique id
     * @param seeds the unique ids of the seeds
     */
    RunResultsAhead(Map<String, String> relations, Set<String> seeds) {
        this.relations.putAll(relations);
        this.seeds.addAll(seeds);
    }

    /** {@code run_results.json}'s record of a node's result, with its steps' timing. */
    Artifacts.RunResult of(NodeResult result, List<Timing> timing) {
        return new Artifacts.RunResult(
                result.uniqueId(),
                result.status().dbtName(),
                result.seconds(),
                result.failures(),
                result.message(),
                result.rowsAffected(),
                relations.get(result.uniqueId()),
                timing,
                result.resourceType().equals("operation") ? Timing.HOOK_THREAD : Timing.NODE_THREAD);
    }

    /** Whether the file shows a node's SQL: a seed's is not shown, as in dbt. */
    boolean showsCode(String uniqueId) {
        return !seeds.contains(uniqueId);
    }

    /** A node finished: its entry is made on the thread, from its result, timing and the SQL it ran so far. */
    void finished(NodeResult result, List<Timing> timing, Map<String, String> compiledSoFar) {
        String id = result.uniqueId();
        boolean compiled = showsCode(id) && compiledSoFar.containsKey(id);
        String code = compiled ? compiledSoFar.get(id) : null;
        thread.execute(() -> made.put(
                id,
                new Made(result, timing, code, compiled, Artifacts.runResultJson(of(result, timing), code, compiled))));
    }

    /** Waits for the entries being made; the thread ends (also when the run broke off). */
    void stop() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a slow machine: the entries are small, keep waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An entry's JSON: the one made ahead when it was made from the very same result, timing and SQL (the run's
     * outcome holds the objects it recorded), else made now. Call after {@link #stop}.
     */
    byte[] json(NodeResult result, List<Timing> timing, String code, boolean compiled) {
        Made ahead = made.get(result.uniqueId());
        if (ahead != null
                && ahead.result() == result
                && ahead.timing() == timing
                && ahead.code() == code
                && ahead.compiled() == compiled) {
            return ahead.json();
        }
        return Artifacts.runResultJson(of(result, timing), code, compiled);
    }
}
