package dev.ecommerce.maven;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SourceKind;
import dev.ecommerce.core.config.TableSelection;
import dev.ecommerce.core.run.Pipeline;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads the thelook_ecommerce tables into the DuckDB warehouse. Bound to {@code generate-resources}: the
 * data is the project's first generated resource, ready before anything compiles or tests against it.
 */
@Mojo(name = "ingest", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class IngestMojo extends AbstractEcommerceMojo {

    /** Skips this goal only. */
    @Parameter(property = PropertyNames.INGEST_SKIP, defaultValue = "false")
    private boolean skipIngest;

    /** Where rows come from: {@code generated} (the embedded, seeded thelook generator, needing no credentials). */
    @Parameter(property = PropertyNames.SOURCE, defaultValue = "generated")
    private String source;

    /**
     * Tables to load, e.g. {@code orders,users}; unset means {@code TABLE_NAMES} from the environment or
     * {@code .env}, else all seven.
     */
    @Parameter(property = PropertyNames.TABLES)
    private List<String> tables;

    /** Generator seed: the same seed, scale and anchor date give byte-identical data. */
    @Parameter(property = PropertyNames.SEED, defaultValue = "42")
    private long seed;

    /** Generator scale: 100,000 × scale users (1 gives about 3.3 million rows); products do not scale. */
    @Parameter(property = PropertyNames.SCALE, defaultValue = "0.1")
    private double scale;

    /** The generator's "now" as {@code YYYY-MM-DD} (UTC); fixed by default so runs are reproducible. */
    @Parameter(property = PropertyNames.ANCHOR_DATE, defaultValue = "2026-01-01")
    private String anchorDate;

    /** Generator threads; 0 means one per available processor. The data does not depend on it. */
    @Parameter(property = PropertyNames.THREADS, defaultValue = "0")
    private int threads;

    @Override
    String goal() {
        return "ingest";
    }

    @Override
    boolean skipGoal() {
        return skipIngest;
    }

    @Override
    void run(Settings settings) {
        SourceKind.parse(source);
        IngestSpec spec = new IngestSpec(
                workDirectory.toPath(),
                warehouse.toPath(),
                TableSelection.resolve(tables, settings),
                new GeneratorSpec(
                        seed,
                        scale,
                        Dates.parse(anchorDate, "<anchorDate> (-D" + PropertyNames.ANCHOR_DATE + ")"),
                        threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
        Pipeline.IngestResult result = Pipeline.ingest(spec, this::log);
        logSummary(result.tables(), result.seconds());
    }
}
