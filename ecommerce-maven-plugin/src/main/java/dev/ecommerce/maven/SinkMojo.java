package dev.ecommerce.maven;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.MotherDuckDestinationSpec;
import dev.ecommerce.core.config.MotherDuckParameters;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Layout;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.S3Parameters;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.TableSelection;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.s3.LocalS3Provider;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Exports warehouse tables to the configured destinations. Bound to {@code prepare-package}: after the
 * data was loaded, checked and the project's tests ran, and before anything is packaged or published.
 */
@Mojo(name = "sink", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class SinkMojo extends AbstractS3ClientMojo {

    /** Skips this goal only. */
    @Parameter(property = PropertyNames.SINK_SKIP, defaultValue = "false")
    private boolean skipSink;

    /**
     * Tables to export, e.g. {@code orders,users}; unset means {@code TABLE_NAMES} from the environment or
     * {@code .env}, else all seven. Each must be in the warehouse.
     */
    @Parameter(property = PropertyNames.TABLES)
    private List<String> tables;

    /**
     * Destinations: {@code local}, {@code s3}, {@code md} (MotherDuck), comma-separated; unset means
     * {@code DESTINATION} from the environment or {@code .env}, else local.
     */
    @Parameter(property = PropertyNames.DESTINATIONS)
    private List<String> destinations;

    /**
     * The folder where the {@code local} destination publishes {@code <table>.csv} and {@code <table>.parquet}:
     * a link to the run's folder under {@code <outputDirectory>.generations/}, switched in one step; unset means
     * {@code out/} in {@code workDirectory}.
     */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY)
    private File outputDirectory;

    /** File formats of the {@code local} destination: {@code csv}, {@code parquet}, or both (the default). */
    @Parameter(property = PropertyNames.FORMATS, defaultValue = FileFormat.DEFAULT_LOCAL)
    private List<String> formats;

    /** Also write {@code <table>__rejected.<format>}: the rows validation rejected, with their violations. */
    @Parameter(property = PropertyNames.EXPORT_REJECTED, defaultValue = "false")
    private boolean exportRejected;

    /** s3: the target {@code s3://bucket/prefix}; unset means {@code S3_PATH} from the environment or {@code .env}. */
    @Parameter(property = PropertyNames.S3_PATH)
    private String s3Path;

    /** s3: the file formats to upload: {@code parquet} (the default), {@code csv}, or both. */
    @Parameter(property = PropertyNames.S3_FORMATS, defaultValue = FileFormat.DEFAULT_S3)
    private List<String> s3Formats;

    /** s3: put the objects under {@code <prefix>/run_date=YYYY-MM-DD/} (UTC date of the run) instead of {@code <prefix>/}. */
    @Parameter(property = PropertyNames.S3_PARTITION_BY_RUN_DATE, defaultValue = "false")
    private boolean s3PartitionByRunDate;

    /**
     * s3: {@code flat} (one object per table, replaced by every run) or {@code monthly} (one object per table and
     * creation month under {@code <prefix>/<table>/created_month=YYYY-MM/}, only changed months uploaded).
     */
    @Parameter(property = PropertyNames.S3_LAYOUT, defaultValue = S3Layout.DEFAULT)
    private String s3Layout;

    /** s3: files of at least this many MiB go up as multipart uploads; raise it to force single PUTs. */
    @Parameter(
            property = PropertyNames.S3_MULTIPART_THRESHOLD_MB,
            defaultValue = "" + S3DestinationSpec.Multipart.DEFAULT_THRESHOLD_MB)
    private int s3MultipartThresholdMb;

    /** s3: the size of one part in MiB (5 at least, S3's minimum). */
    @Parameter(
            property = PropertyNames.S3_PART_SIZE_MB,
            defaultValue = "" + S3DestinationSpec.Multipart.DEFAULT_PART_SIZE_MB)
    private int s3PartSizeMb;

    /** s3: parts in flight at once; lower it on a slow uplink. */
    @Parameter(
            property = PropertyNames.S3_MAX_CONCURRENCY,
            defaultValue = "" + S3DestinationSpec.Multipart.DEFAULT_CONCURRENCY)
    private int s3MaxConcurrency;

    /** md: {@code md:<database>} for MotherDuck, or the path of a DuckDB file to write the tables into. */
    @Parameter(property = PropertyNames.MOTHERDUCK_DATABASE, defaultValue = MotherDuckDestinationSpec.DEFAULT_DATABASE)
    private String motherduckDatabase;

    /** md: {@code replace} each table (the default) or {@code upsert} rows by primary key, keeping other rows. */
    @Parameter(property = PropertyNames.MOTHERDUCK_MODE, defaultValue = MotherDuckDestinationSpec.WriteMode.DEFAULT)
    private String motherduckMode;

    /** md: the settings.xml server whose password is the MotherDuck token; unset or absent means MOTHERDUCK_TOKEN. */
    @Parameter(property = PropertyNames.MOTHERDUCK_SERVER_ID, defaultValue = "motherduck")
    private String motherduckServerId;

    @Override
    String goal() {
        return "sink";
    }

    @Override
    boolean skipGoal() {
        return skipSink;
    }

    @Override
    void run(Settings settings) {
        Set<DestinationKind> kinds = DestinationKind.resolve(destinations, settings);
        if (!s3LocalServer || !kinds.contains(DestinationKind.S3)) {
            sink(settings, kinds, null);
            return;
        }
        S3Location location = s3Parameters(null).toSpec(settings, layout()).location();
        withLocalS3(location.bucket(), server -> sink(settings, kinds, server));
    }

    private void sink(Settings settings, Set<DestinationKind> kinds, LocalS3Provider.Server localS3) {
        List<DestinationSpec> specs = new ArrayList<>();
        for (DestinationKind kind : kinds) {
            specs.add(
                    switch (kind) {
                        case LOCAL ->
                            new LocalDestinationSpec(
                                    layout().outputDirectory(),
                                    FileFormat.parseAll(formats, Setting.FORMATS.ref()),
                                    exportRejected);
                        case S3 -> s3Parameters(localS3).toSpec(settings, layout());
                        case MOTHERDUCK ->
                            new MotherDuckParameters(
                                            motherDuckDatabase(),
                                            motherduckMode,
                                            server(motherduckServerId).password())
                                    .toSpec(settings, layout());
                    });
        }
        SinkSpec spec = new SinkSpec(
                layout().workDirectory(),
                layout().warehouse(),
                TableSelection.resolve(tables, settings),
                specs,
                duckDb());
        Pipeline.SinkResult result = Pipeline.sink(spec, this::log);
        logSummary(result.tables(), result.seconds());
    }

    /** The s3 settings; with a local server, its endpoint and keys instead of the configured ones. */
    private S3Parameters s3Parameters(LocalS3Provider.Server local) {
        return new S3Parameters(
                s3Path,
                s3Formats,
                s3PartitionByRunDate,
                s3Layout,
                s3MultipartThresholdMb,
                s3PartSizeMb,
                s3MaxConcurrency,
                s3Client(local));
    }

    @Override
    Path outputDirectory() {
        return outputDirectory == null ? null : outputDirectory.toPath();
    }

    /** {@code md:<name>}, or a file path resolved against the project folder. */
    private String motherDuckDatabase() {
        return motherduckDatabase == null
                        || motherduckDatabase.isBlank()
                        || MotherDuckDestinationSpec.isMotherDuck(motherduckDatabase)
                ? motherduckDatabase
                : basedir.toPath().resolve(motherduckDatabase.trim()).toString();
    }
}
