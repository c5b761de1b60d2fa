package dev.ecommerce.bench;

import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformJvm;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformEngine;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the embedded engine on a dbt project, in this (fresh) JVM: prints one tab-separated line of the
 * engine's own times (parse, render, DAG, artifacts) and DuckDB's, for {@code benchmarks/dbt-overhead.sh}
 * to collect. Usage: {@code DbtOverheadBenchmark <project dir> <label> [NAME=value ...]}; a label starting with
 * {@code warm} times the fourth run in the same JVM (as under the Maven daemon), not the first; the rest are the
 * environment {@code env_var} reads (transform/'s {@code ECOMMERCE_WAREHOUSE}, say).
 */
public final class DbtOverheadBenchmark {

    private static Map<String, String> environment(String[] args) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            environment.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return environment;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ENGLISH);
        // Maven starts its logging (SLF4J) long before a plugin runs: so does this harness, outside the timings
        org.slf4j.LoggerFactory.getLogger(DbtOverheadBenchmark.class).debug("start");
        Path project = Path.of(args[0]);
        TransformSpec spec = new TransformSpec(
                project.resolve("target/work"),
                project,
                project,
                null,
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                environment(args),
                null,
                null);
        if (args[1].contains("fork")) {
            // the engine in a JVM of its own, as the plugin runs it, with ENGINE_JVM_ARGS after the defaults
            spec = spec.withJvm(TransformJvm.parse(System.getenv("ENGINE_JVM_ARGS"), true));
        }
        // "warm": the same run again in this JVM first (as under the Maven daemon, mvnd), the last one timed
        int runs = args[1].startsWith("warm") ? 4 : 1;
        for (int i = 1; i < runs; i++) {
            TransformEngine.of(spec).run(spec, line -> {});
        }
        long start = System.nanoTime();
        TransformResult result = TransformEngine.of(spec).run(spec, line -> {});
        double wall = (System.nanoTime() - start) / 1e9;
        TransformResult.Timings t = result.timings();
        long bad = result.nodes().stream()
                .filter(n -> n.status() != NodeResult.Status.SUCCESS && n.status() != NodeResult.Status.PASS)
                .count();
        System.out.printf(
                Locale.ROOT,
                "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n",
                args[1],
                result.nodes().size(),
                bad,
                t.parseSeconds(),
                t.renderSeconds(),
                t.dagSeconds(),
                t.artifactSeconds(),
                t.parseSeconds() + t.renderSeconds() + t.dagSeconds() + t.artifactSeconds(),
                t.querySeconds(),
                wall);
    }
}
