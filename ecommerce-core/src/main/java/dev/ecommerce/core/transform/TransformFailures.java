package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.InfrastructureException;
import java.util.List;
import java.util.Locale;

/** Turns failed nodes into one message that names each model or test, its file and its failing rows. */
public final class TransformFailures {

    private static final int FULL_MESSAGES = 3;
    private static final int MAX_LISTED = 20;

    private TransformFailures() {}

    /**
     * Throws when a model errored or a test failed: a {@link DataException}, or the kind of the fault
     * underneath (with it as the cause) when a model's file could not be written or uploaded.
     */
    public static void check(TransformResult result) {
        List<NodeResult> failed =
                result.nodes().stream().filter(n -> n.status().isFailure()).toList();
        if (failed.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("The dbt build failed: ")
                .append(failed.size())
                .append(failed.size() == 1 ? " node" : " nodes")
                .append(" failed");
        // A few failures in full (DuckDB's message with its LINE pointer), many as one line each.
        boolean brief = failed.size() > FULL_MESSAGES;
        for (NodeResult node : failed.subList(0, Math.min(failed.size(), MAX_LISTED))) {
            message.append(String.format(
                    Locale.ROOT,
                    "%n  %s %s %s (%s)",
                    node.status().dbtName(),
                    node.resourceType(),
                    node.name(),
                    node.file() == null ? "file unknown" : node.file()));
            if (node.failures() != null && node.failures() > 0) {
                message.append(String.format(Locale.ROOT, ": %,d failing rows", node.failures()));
            }
            boolean showMessage = node.status() == NodeResult.Status.ERROR || "unit_test".equals(node.resourceType());
            if (showMessage && node.message() != null && !node.message().isBlank()) {
                String text = node.message().strip();
                if (brief) {
                    text = text.lines().findFirst().orElse("");
                }
                message.append(": ").append(text.replace("\n", "\n    "));
            }
        }
        if (failed.size() > MAX_LISTED) {
            message.append(String.format(Locale.ROOT, "%n  ... and %d more", failed.size() - MAX_LISTED));
        }
        List<NodeResult> skipped = result.withStatus(NodeResult.Status.SKIPPED);
        if (!skipped.isEmpty()) {
            List<String> names = skipped.stream().map(NodeResult::name).toList();
            message.append(String.format(
                    Locale.ROOT,
                    "%nSkipped because of them: %s%s",
                    String.join(", ", names.subList(0, Math.min(names.size(), MAX_LISTED))),
                    names.size() > MAX_LISTED ? " and " + (names.size() - MAX_LISTED) + " more" : ""));
        }
        if (!result.faults().isEmpty()) { // not the data: a network or disk fault, or a wrong location
            EcommerceException fault = result.faults().get(0);
            message.append(String.format(Locale.ROOT, "%nSee %s.", result.runResults()));
            if (fault instanceof ConfigurationException) {
                throw new ConfigurationException(message.toString(), fault);
            }
            throw new InfrastructureException(message.toString(), fault);
        }
        message.append(
                String.format(Locale.ROOT, "%nSee %s. Fix the model, the data or the test.", result.runResults()));
        throw new DataException(message.toString());
    }
}
