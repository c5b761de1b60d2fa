package dev.ecommerce.core.run;

import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Adds a transform's section to the run manifest, keeping the other steps' sections. */
final class TransformManifest {

    private TransformManifest() {}

    static void write(TransformSpec spec, TransformResult result, Instant started) {
        RunManifest previous = RunManifest.read(spec.workDirectory()).orElse(null);
        Map<String, Long> statuses = new TreeMap<>();
        for (NodeResult node : result.nodes()) {
            statuses.merge(node.status().dbtName(), 1L, Long::sum);
        }
        Path runResults = spec.reportsDirectory().resolve("run_results.json");
        RunManifest.Transform section = new RunManifest.Transform(
                started.toString(),
                Instant.now().toString(),
                result.engine().name().toLowerCase(Locale.ROOT),
                result.target(),
                statuses,
                round(result.seconds()),
                result.timings() == null ? null : round(result.timings().overheadSeconds()),
                result.timings() == null ? null : round(result.timings().querySeconds()),
                Files.isRegularFile(runResults) ? Pipeline.relative(spec.workDirectory(), runResults) : null);
        RunManifest manifest = previous != null
                ? previous.withTransform(section)
                : new RunManifest(RunManifest.FORMAT_VERSION, UUID.randomUUID().toString(), null, null, null, section);
        manifest.write(spec.workDirectory());
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
