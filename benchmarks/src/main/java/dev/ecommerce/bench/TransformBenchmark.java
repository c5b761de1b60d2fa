package dev.ecommerce.bench;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole transform/ project with the embedded engine on a generated warehouse: total time, and the
 * engine's own overhead (parse, render, DAG) apart from DuckDB's query time. The first run includes the
 * JVM's class loading (as one {@code mvn package} would); the later runs show the warmed engine.
 * Usage: {@code TransformBenchmark <scale> <runs> <dbt project> <work dir>}.
 */
public final class TransformBenchmark {

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ENGLISH);
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path source = Path.of(args[2]);
        Path dir = Path.of(args[3]);
        Path project = dir.resolve("transform");
        copy(source, project);
        Path warehouse = dir.resolve("warehouse.duckdb");
        long t0 = System.nanoTime();
        Pipeline.IngestResult ingest = Pipeline.ingest(
                new IngestSpec(
                        dir,
                        warehouse,
                        List.of(Table.values()),
                        new GeneratorSpec(42, scale, GeneratorSpec.DEFAULT_ANCHOR, 2)),
                ProgressListener.NONE);
        long rows = ingest.tables().stream().mapToLong(t -> t.rows()).sum();
        System.out.printf(
                Locale.ROOT, "ingest of %,d rows at scale %s: %.2f s%n", rows, scale, (System.nanoTime() - t0) / 1e9);
        TransformSpec spec = new TransformSpec(
                dir,
                project,
                project,
                "local",
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                Map.of("ECOMMERCE_WAREHOUSE", warehouse.toAbsolutePath().toString()),
                null,
                null);
        for (int run = 1; run <= runs; run++) {
            TransformResult result = Pipeline.transform(spec, ProgressListener.NONE);
            TransformResult.Timings t = result.timings();
            long failed = result.nodes().stream()
                    .filter(n -> n.status() != NodeResult.Status.SUCCESS && n.status() != NodeResult.Status.PASS)
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "transform run %d: %d nodes (%d not success/pass), total %.2f s; overhead %.3f s (parse %.3f,"
                            + " render %.3f, DAG %.3f); DuckDB %.2f s (%.0f%% of total); artifacts %.3f s%n",
                    run,
                    result.nodes().size(),
                    failed,
                    result.seconds(),
                    t.overheadSeconds(),
                    t.parseSeconds(),
                    t.renderSeconds(),
                    t.dagSeconds(),
                    t.querySeconds(),
                    100 * t.querySeconds() / result.seconds(),
                    t.artifactSeconds());
        }
        System.out.println("goal: overhead under 1 s, total dominated by DuckDB");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
