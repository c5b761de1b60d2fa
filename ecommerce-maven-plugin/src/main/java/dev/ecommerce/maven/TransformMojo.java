package dev.ecommerce.maven;

import dev.ecommerce.core.config.LegacyVariable;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformEnvironment;
import dev.ecommerce.core.config.TransformJvm;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.s3.LocalS3Provider;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.TransformResult;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the dbt project over the warehouse ({@code dbt build}: seeds, models, tests, unit tests), with the
 * embedded engine (no Python) or the dbt CLI. Bound to {@code package}: after {@code sink}, on the finished
 * warehouse. A failing model or test fails the build. On the {@code dev} target the embedded engine reads and
 * writes S3 with the {@code ecommerce.s3.*} client settings the sink uses, where the profile's s3 secret
 * leaves them unset.
 */
@Mojo(name = "transform", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class TransformMojo extends AbstractS3ClientMojo {

    /** Skips this goal only. */
    @Parameter(property = PropertyNames.TRANSFORM_SKIP, defaultValue = "false")
    private boolean skipTransform;

    /** {@code embedded} (Jinjava + DuckDB in the plugin, no Python) or {@code dbt} (the dbt CLI with dbt-duckdb). */
    @Parameter(property = PropertyNames.TRANSFORM_ENGINE, defaultValue = TransformEngineKind.DEFAULT)
    private String engine;

    /** The dbt project: the folder with {@code dbt_project.yml}. */
    @Parameter(property = PropertyNames.TRANSFORM_PROJECT_DIRECTORY, defaultValue = "${project.basedir}/transform")
    private File projectDirectory;

    /** The folder with {@code profiles.yml}; unset means the project folder. */
    @Parameter(property = PropertyNames.TRANSFORM_PROFILES_DIRECTORY)
    private File profilesDirectory;

    /**
     * The profile's output to build, e.g. {@code local} (the warehouse ingest wrote), {@code dev} or {@code prod};
     * unset means the profile's own {@code target:}, as with dbt.
     */
    @Parameter(property = PropertyNames.TRANSFORM_TARGET)
    private String target;

    /** dbt vars as YAML or JSON, e.g. {@code {start_date: '2024-01-01'}}; they win over dbt_project.yml's. */
    @Parameter(property = PropertyNames.TRANSFORM_VARS)
    private String vars;

    /**
     * What to build, as dbt's {@code --select}: space-separated selectors add up, comma-joined ones intersect,
     * e.g. {@code +fct_order_items tag:nightly,config.materialized:table}; unset builds everything.
     */
    @Parameter(property = PropertyNames.TRANSFORM_SELECT)
    private String select;

    /** What to leave out of the selection, as dbt's {@code --exclude}, e.g. {@code tag:slow test_name:unique}. */
    @Parameter(property = PropertyNames.TRANSFORM_EXCLUDE)
    private String exclude;

    /**
     * The folder of a previous run's {@code manifest.json} (dbt's {@code --state}), for selectors such as
     * {@code state:modified+}.
     */
    @Parameter(property = PropertyNames.TRANSFORM_STATE)
    private File state;

    /** With {@code engine=dbt}: the dbt executable; unset means {@code dbt} on the PATH. */
    @Parameter(property = PropertyNames.TRANSFORM_DBT_EXECUTABLE)
    private File dbtExecutable;

    /**
     * The raw Parquet files the {@code dev} target reads, {@code s3://bucket/prefix} (the sink's s3 path);
     * sets {@code TRANSFORM_S3_PATH_INPUT} for the project, else that variable of the environment or {@code .env}.
     */
    @Parameter(property = PropertyNames.TRANSFORM_S3_INPUT_PATH)
    private String s3InputPath;

    /**
     * Where the {@code dev} target writes the marts as Parquet, e.g. {@code s3://bucket/marts}; sets
     * {@code TRANSFORM_S3_PATH_OUTPUT}, else that variable of the environment or {@code .env}.
     */
    @Parameter(property = PropertyNames.TRANSFORM_S3_OUTPUT_PATH)
    private String s3OutputPath;

    /** Rebuilds incremental models from scratch ({@code --full-refresh}). */
    @Parameter(property = PropertyNames.TRANSFORM_FULL_REFRESH, defaultValue = "false")
    private boolean fullRefresh;

    /**
     * Runs the embedded engine in a JVM of its own, started for the run with options for a short one (C1 only, the
     * serial collector): a large project parses in about two thirds of the time. Unset means for a run that parses
     * the whole project (no parse kept by an earlier run: a fresh clone, CI), but not under the Maven daemon (mvnd),
     * whose JVM stays warm; {@code true} for every run; {@code false} runs it in Maven's JVM.
     */
    @Parameter(property = PropertyNames.TRANSFORM_FORK)
    private Boolean fork;

    /** Options of the embedded engine's own JVM, after the defaults, e.g. {@code -Xmx8g}. */
    @Parameter(property = PropertyNames.TRANSFORM_JVM_ARGS)
    private String jvmArgs;

    @Override
    String goal() {
        return "transform";
    }

    @Override
    boolean skipGoal() {
        return skipTransform;
    }

    @Override
    void run(Settings settings) {
        Map<String, String> environment =
                TransformEnvironment.of(System.getenv(), settings, layout(), s3InputPath, s3OutputPath);
        String input = environment.get(LegacyVariable.TRANSFORM_S3_PATH_INPUT.name());
        if (!s3LocalServer || input == null || !input.startsWith("s3://")) { // the local server serves S3 inputs only
            transform(settings, environment, null);
            return;
        }
        String bucket = S3Location.parse(input, Setting.TRANSFORM_S3_INPUT_PATH.ref() + " or TRANSFORM_S3_PATH_INPUT")
                .bucket();
        withLocalS3(bucket, server -> transform(settings, environment, server));
    }

    /**
     * A JVM of its own: always with {@code fork=true}; unset, for a run that parses the whole project, but under the
     * Maven daemon (mvnd), which names its home in a system property of its long-lived JVM.
     */
    private TransformJvm jvm() {
        if (Boolean.FALSE.equals(fork) || fork == null && System.getProperty("mvnd.home") != null) {
            return null;
        }
        return TransformJvm.parse(jvmArgs, Boolean.TRUE.equals(fork));
    }

    private void transform(Settings settings, Map<String, String> environment, LocalS3Provider.Server localS3) {
        TransformSpec spec = new TransformSpec(
                layout().workDirectory(),
                projectDirectory.toPath(),
                profilesDirectory == null ? null : profilesDirectory.toPath(),
                target,
                TransformSpec.parseVars(vars, Setting.TRANSFORM_VARS.ref()),
                select == null ? null : List.of(select),
                TransformEngineKind.parse(engine, Setting.TRANSFORM_ENGINE.ref()),
                dbtExecutable == null ? null : dbtExecutable.toPath(),
                fullRefresh,
                environment,
                s3Client(localS3).toSpec(settings),
                duckDb(),
                exclude == null ? null : List.of(exclude),
                state == null ? null : state.toPath(),
                jvm());
        TransformResult result = Pipeline.transform(spec, this::log);
        Map<NodeResult.Status, Long> counts = new java.util.EnumMap<>(NodeResult.Status.class);
        result.nodes().forEach(n -> counts.merge(n.status(), 1L, Long::sum));
        info(String.format(
                Locale.ROOT,
                "Transform done in %.2f s: %s; run_results.json in %s",
                result.seconds(),
                counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().dbtName())
                        .toList(),
                spec.reportsDirectory()));
    }
}
