package dev.ecommerce.bench;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformEngine;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dbt build} of any dbt project on the embedded engine, reporting what passed: a count of nodes by
 * resource type and status, then each node that did not pass with the first line of its message. For checking
 * the engine against public projects ({@code benchmarks/dbt-utils.sh}). Usage: {@code DbtProjectBuild
 * <project dir> <profiles dir> [target]}. Exits 0 however the nodes did, 2 when the project could not load.
 */
public final class DbtProjectBuild {

    private DbtProjectBuild() {}

    public static void main(String[] args) {
        Locale.setDefault(Locale.ENGLISH);
        Path project = Path.of(args[0]);
        TransformSpec spec = new TransformSpec(
                project.resolve("target/work"),
                project,
                Path.of(args[1]),
                args.length > 2 ? args[2] : null,
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                System.getenv(),
                null,
                null);
        TransformResult result;
        try {
            result = TransformEngine.of(spec).run(spec, line -> {});
        } catch (EcommerceException e) {
            System.out.println("project did not load: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.out.println("  caused by: " + cause);
            }
            System.exit(2);
            return;
        }
        Map<String, Map<NodeResult.Status, Integer>> counts = new TreeMap<>();
        for (NodeResult node : result.nodes()) {
            counts.computeIfAbsent(node.resourceType(), t -> new TreeMap<>()).merge(node.status(), 1, Integer::sum);
            if (!passed(node)) {
                String message = node.message() == null ? "" : node.message().strip();
                int newline = message.indexOf('\n');
                System.out.printf(
                        "%-8s %s: %s%n",
                        node.status(), node.uniqueId(), newline < 0 ? message : message.substring(0, newline));
            }
        }
        long passed = result.nodes().stream().filter(DbtProjectBuild::passed).count();
        counts.forEach((type, byStatus) -> System.out.println(type + "\t" + byStatus));
        System.out.printf("passed %d of %d nodes%n", passed, result.nodes().size());
    }

    private static boolean passed(NodeResult node) {
        return node.status() == NodeResult.Status.SUCCESS || node.status() == NodeResult.Status.PASS;
    }
}
