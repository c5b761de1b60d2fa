package dev.ecommerce.maven;

import dev.ecommerce.core.config.Backfill;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.Increments;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.ReadPath;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SourceKind;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.config.TableSelection;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.bigquery.LocalBigQueryProvider;
import java.time.Duration;
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

    /**
     * Where rows come from: {@code generated} (the embedded, seeded thelook generator, needing no credentials)
     * or {@code bigquery} (the dataset named by {@code dataset}, billed to {@code gcpProject}).
     */
    @Parameter(property = PropertyNames.SOURCE, defaultValue = SourceKind.DEFAULT)
    private String source;

    /**
     * Tables to load, e.g. {@code orders,users}; unset means {@code TABLE_NAMES} from the environment or
     * {@code .env}, else all seven.
     */
    @Parameter(property = PropertyNames.TABLES)
    private List<String> tables;

    /**
     * {@code full} (every row, each table replaced whole) or {@code incremental} (after a first full load, only the
     * rows created since the last load's newest row minus {@code lookbackDays}, replacing that window; products
     * and distribution centres are always loaded whole).
     */
    @Parameter(property = PropertyNames.MODE, defaultValue = LoadMode.DEFAULT)
    private String mode;

    /**
     * With {@code incremental}: how many days before the last load's newest row the window starts, for every
     * table; unset means each table's own bound in thelook (orders and order_items 11, inventory_items 60, users
     * and events 0: they never change).
     */
    @Parameter(property = PropertyNames.LOOKBACK_DAYS)
    private Integer lookbackDays;

    /**
     * How tables are loaded a part at a time, where they differ from thelook's defaults ({@code created_at} as
     * cursor and window column, the primary key, each table's own lookback), as {@code table: cursor=column,
     * window=column, key=column, lookbackDays=N; table: ...}, e.g. {@code inventory_items: lookbackDays=90}.
     */
    @Parameter(property = PropertyNames.INCREMENTS)
    private String increments;

    /**
     * Backfill: load the rows created from this day ({@code YYYY-MM-DD}, UTC) to {@code to}, in chunks, each
     * committed with its state, so a killed backfill resumes where it stopped. Needs {@code to}.
     */
    @Parameter(property = PropertyNames.FROM)
    private String from;

    /** Backfill: the day after the last one to load ({@code YYYY-MM-DD}, UTC, exclusive). Needs {@code from}. */
    @Parameter(property = PropertyNames.TO)
    private String to;

    /** Backfill: how much each chunk covers, {@code month}, {@code week} or {@code day}. */
    @Parameter(property = PropertyNames.CHUNK, defaultValue = Backfill.Chunk.DEFAULT)
    private String chunk;

    /** Generator seed: the same seed, scale and anchor date give byte-identical data. */
    @Parameter(property = PropertyNames.SEED, defaultValue = "" + GeneratorSpec.DEFAULT_SEED)
    private long seed;

    /** Generator scale: 100,000 × scale users (1 gives about 3.3 million rows); products do not scale. */
    @Parameter(property = PropertyNames.SCALE, defaultValue = "" + GeneratorSpec.DEFAULT_SCALE)
    private double scale;

    /**
     * The day the generator's world is seen on, {@code YYYY-MM-DD} (UTC); fixed by default so runs are reproducible.
     * A later day only adds the rows created since and moves open orders forward.
     */
    @Parameter(property = PropertyNames.ANCHOR_DATE, defaultValue = GeneratorSpec.DEFAULT_ANCHOR_DATE)
    private String anchorDate;

    /** Generator threads; 0 means one per available processor. The data does not depend on it. */
    @Parameter(property = PropertyNames.THREADS, defaultValue = "0")
    private int threads;

    /** BigQuery: the project billed for queries and reads; unset means GCP_PROJECT from the environment or .env. */
    @Parameter(property = PropertyNames.GCP_PROJECT)
    private String gcpProject;

    /** BigQuery: the source dataset as {@code project.dataset}. */
    @Parameter(property = PropertyNames.DATASET, defaultValue = BigQuerySpec.DEFAULT_DATASET)
    private String dataset;

    /** BigQuery: columns to read as {@code table.column} (default all); the others stay NULL in the warehouse. */
    @Parameter(property = PropertyNames.COLUMNS)
    private List<String> columns;

    /** BigQuery: read rows with {@code created_at} on or after this date ({@code YYYY-MM-DD}, UTC). */
    @Parameter(property = PropertyNames.START_DATE)
    private String startDate;

    /** BigQuery: read rows with {@code created_at} before this date ({@code YYYY-MM-DD}, UTC, exclusive). */
    @Parameter(property = PropertyNames.END_DATE)
    private String endDate;

    /** BigQuery: extra row filters as {@code table: predicate; table: predicate}, checked before they reach SQL. */
    @Parameter(property = PropertyNames.FILTERS)
    private String filters;

    /** BigQuery: fail before any query when the dry-run estimate exceeds this many bytes; also set on every job. */
    @Parameter(property = PropertyNames.MAX_BYTES_BILLED)
    private Long maxBytesBilled;

    /** BigQuery: estimate the bytes billed, log them, and stop without reading or loading anything. */
    @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
    private boolean dryRun;

    /** BigQuery: {@code storage} (Storage Read API with Arrow, fast) or {@code rest} (paging query results). */
    @Parameter(property = PropertyNames.READ_PATH, defaultValue = ReadPath.DEFAULT)
    private String readPath;

    /** BigQuery: the REST root of a BigQuery-compatible server, e.g. {@code http://127.0.0.1:9050}; unset is Google. */
    @Parameter(property = PropertyNames.BIGQUERY_REST_ENDPOINT)
    private String restEndpoint;

    /** BigQuery: the Storage Read {@code host:port} of a compatible server (plaintext); unset is Google. */
    @Parameter(property = PropertyNames.BIGQUERY_GRPC_ENDPOINT)
    private String grpcEndpoint;

    /**
     * BigQuery: start the local BigQuery-compatible server of {@code ecommerce-testkit} (add it to the plugin's
     * dependencies), filled by the generator at {@code seed}/{@code scale}, and read from it: BigQuery mode offline.
     */
    @Parameter(property = PropertyNames.BIGQUERY_LOCAL_SERVER, defaultValue = "false")
    private boolean localServer;

    /** BigQuery: the settings.xml server whose privateKey (key file) or password (key JSON) holds credentials. */
    @Parameter(property = PropertyNames.BIGQUERY_SERVER_ID, defaultValue = "bigquery")
    private String serverId;

    /** BigQuery: Storage Read streams per table. */
    @Parameter(property = PropertyNames.BIGQUERY_STREAMS, defaultValue = "" + BigQuerySpec.DEFAULT_STREAMS_PER_TABLE)
    private int streamsPerTable;

    /** BigQuery: attempts per call before a transient error (5xx, rate limit, broken stream) fails the build. */
    @Parameter(property = PropertyNames.BIGQUERY_MAX_ATTEMPTS, defaultValue = "" + BigQuerySpec.DEFAULT_MAX_ATTEMPTS)
    private int maxAttempts;

    /** BigQuery: seconds one call may wait for an answer before it counts as a transient failure and is retried. */
    @Parameter(property = PropertyNames.BIGQUERY_TIMEOUT, defaultValue = "" + BigQuerySpec.DEFAULT_TIMEOUT_SECONDS)
    private int timeoutSeconds;

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
        List<Table> selected = TableSelection.resolve(tables, settings);
        GeneratorSpec generator = GeneratorSpec.of(seed, scale, anchorDate, threads);
        if (SourceKind.parse(source) == SourceKind.GENERATED) {
            ingest(selected, generator);
        } else if (!localServer) {
            ingest(selected, bigQuery(settings, gcpProject, restEndpoint, grpcEndpoint));
        } else {
            // The local server serves the dataset the settings name, filled by the generator.
            String project = gcpProject == null ? LOCAL_BILLING_PROJECT : gcpProject;
            BigQuerySpec named = bigQuery(settings, project, null, null);
            try (LocalBigQueryProvider.Server server = LocalBigQueryProvider.find(
                            getClass().getClassLoader())
                    .start(generator, named.datasetProject(), named.datasetName(), duckDb())) {
                info("Started the local BigQuery server: REST " + server.restEndpoint() + ", Storage Read "
                        + server.grpcEndpoint());
                ingest(selected, bigQuery(settings, project, server.restEndpoint(), server.grpcEndpoint()));
            }
        }
    }

    private static final String LOCAL_BILLING_PROJECT = "local-project";

    private void ingest(List<Table> selected, SourceSpec source) {
        Pipeline.IngestResult result = Pipeline.ingest(
                new IngestSpec(
                        layout().workDirectory(),
                        layout().warehouse(),
                        selected,
                        source,
                        duckDb(),
                        LoadMode.parse(mode),
                        lookbackDays == null ? null : Duration.ofDays(lookbackDays),
                        Increments.parse(increments),
                        Backfill.of(from, to, chunk)),
                this::log);
        if (!result.dryRun()) {
            logSummary(result.tables(), result.seconds());
        }
    }

    private BigQuerySpec bigQuery(Settings settings, String project, String rest, String grpc) {
        ServerSecrets server = server(serverId);
        return new BigQueryParameters()
                .gcpProject(project)
                .dataset(dataset)
                .columns(columns)
                .window(startDate, endDate)
                .filters(filters)
                .maxBytesBilled(maxBytesBilled)
                .dryRun(dryRun)
                .readPath(readPath)
                .endpoints(rest, grpc)
                .serverKeyFile(server.privateKey())
                .serverKeyJson(server.password())
                .streamsPerTable(streamsPerTable)
                .maxAttempts(maxAttempts)
                .timeoutSeconds(timeoutSeconds)
                .toSpec(settings);
    }
}
