package dev.ecommerce.core.run;

import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.config.WorkLayout;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformEngine;
import dev.ecommerce.core.transform.TransformFailures;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The transform goal: the dbt project built with the spec's engine, {@code run_results.json} copied to the
 * reports folder, the manifest's transform section written, then every failed node named.
 */
final class TransformGoal {

    private TransformGoal() {}

    static TransformResult run(TransformSpec spec, ProgressListener progress) {
        Instant started = Instant.now();
        progress.on(new ProgressEvent.Step("Transforming with the "
                + spec.engine().name().toLowerCase(Locale.ROOT) + " engine: dbt project " + spec.projectDirectory()));
        TransformResult result = TransformEngine.of(spec).run(spec, line -> progress.on(new ProgressEvent.Step(line)));
        WorkLayout layout = WorkLayout.of(spec.workDirectory());
        Path copy = layout.dbtRunResults();
        copy(result.runResults(), copy);
        // dbt's manifest (the lineage the run report draws) sits beside its run results, in both engines.
        copy(
                result.runResults() == null ? null : result.runResults().resolveSibling("manifest.json"),
                layout.dbtManifest());
        Map<String, Long> statuses = new TreeMap<>();
        for (NodeResult node : result.nodes()) {
            statuses.merge(node.status().dbtName(), 1L, Long::sum);
        }
        RunManifest.current(spec.workDirectory())
                .withTransform(new RunManifest.Transform(
                        started.toString(),
                        Instant.now().toString(),
                        result.engine().name().toLowerCase(Locale.ROOT),
                        result.target(),
                        statuses,
                        RunManifest.seconds(result.seconds()),
                        result.timings() == null
                                ? null
                                : RunManifest.seconds(result.timings().overheadSeconds()),
                        result.timings() == null
                                ? null
                                : RunManifest.seconds(result.timings().querySeconds()),
                        Files.isRegularFile(copy) ? RunManifest.relative(spec.workDirectory(), copy) : null))
                .write(spec.workDirectory());
        TransformFailures.check(result);
        return result;
    }

    private static void copy(Path from, Path to) {
        if (from != null && Files.isRegularFile(from)) {
            AtomicFiles.write(
                    to,
                    UUID.randomUUID().toString(),
                    temporary -> Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING));
        }
    }
}
