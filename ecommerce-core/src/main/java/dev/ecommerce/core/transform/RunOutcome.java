package dev.ecommerce.core.transform;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.transform.artifacts.Timing;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What running a plan did.
 *
 * @param results every node's result, in execution order
 * @param compiled the SQL each executed node ran, by unique id (null where a seed failed before it had any)
 * @param ran the statements each executed node ran (what dbt writes under {@code target/run/}), by unique id
 * @param faults what made external models error that is not the data's or the SQL's fault
 * @param timings each node's compile and execute steps, by unique id (none for skipped nodes)
 */
record RunOutcome(
        List<NodeResult> results,
        Map<String, String> compiled,
        Map<String, String> ran,
        List<EcommerceException> faults,
        Map<String, List<Timing>> timings) {

    RunOutcome {
        results = List.copyOf(results);
        compiled = Collections.unmodifiableMap(new LinkedHashMap<>(compiled));
        ran = Collections.unmodifiableMap(new LinkedHashMap<>(ran));
        faults = List.copyOf(faults);
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** A node's compile and execute steps; empty when it did not run. */
    List<Timing> timing(String uniqueId) {
        return timings.getOrDefault(uniqueId, List.of());
    }

    /** The SQL a node ran, or {@code planned} when it did not run. */
    String compiled(String uniqueId, String planned) {
        return compiled.containsKey(uniqueId) ? compiled.get(uniqueId) : planned;
    }
}
