package dev.ecommerce.maven;

/** Every user property of the plugin, in one place. All start with {@code ecommerce.}. */
public final class PropertyNames {

    public static final String SKIP = "ecommerce.skip";
    public static final String INGEST_SKIP = "ecommerce.ingest.skip";
    public static final String SINK_SKIP = "ecommerce.sink.skip";
    public static final String VALIDATE_SKIP = "ecommerce.validate.skip";
    public static final String TRANSFORM_SKIP = "ecommerce.transform.skip";
    public static final String TRANSFORM_ENGINE = "ecommerce.transform.engine";
    public static final String TRANSFORM_PROJECT_DIRECTORY = "ecommerce.transform.projectDirectory";
    public static final String TRANSFORM_PROFILES_DIRECTORY = "ecommerce.transform.profilesDirectory";
    public static final String TRANSFORM_TARGET = "ecommerce.transform.target";
    public static final String TRANSFORM_VARS = "ecommerce.transform.vars";
    public static final String TRANSFORM_SELECT = "ecommerce.transform.select";
    public static final String TRANSFORM_EXCLUDE = "ecommerce.transform.exclude";
    public static final String TRANSFORM_STATE = "ecommerce.transform.state";
    public static final String TRANSFORM_DBT_EXECUTABLE = "ecommerce.transform.dbtExecutable";
    public static final String TRANSFORM_FULL_REFRESH = "ecommerce.transform.fullRefresh";
    public static final String TRANSFORM_S3_INPUT_PATH = "ecommerce.transform.s3InputPath";
    public static final String TRANSFORM_S3_OUTPUT_PATH = "ecommerce.transform.s3OutputPath";
    public static final String TRANSFORM_FORK = "ecommerce.transform.fork";
    public static final String TRANSFORM_JVM_ARGS = "ecommerce.transform.jvmArgs";
    public static final String ON_INVALID = "ecommerce.onInvalid";
    public static final String MAX_INVALID_RATIO = "ecommerce.maxInvalidRatio";
    public static final String CONTRACTS = "ecommerce.contracts";
    public static final String TABLE_CHECKS = "ecommerce.checks";
    public static final String WORK_DIRECTORY = "ecommerce.workDirectory";
    public static final String WAREHOUSE = "ecommerce.warehouse";
    public static final String LOCK_WAIT_SECONDS = "ecommerce.lockWaitSeconds";
    public static final String WIRE_LOG = "ecommerce.wireLog";
    public static final String TABLES = "ecommerce.tables";
    public static final String MODE = "ecommerce.mode";
    public static final String LOOKBACK_DAYS = "ecommerce.lookbackDays";
    public static final String INCREMENTS = "ecommerce.increments";
    public static final String FROM = "ecommerce.from";
    public static final String TO = "ecommerce.to";
    public static final String CHUNK = "ecommerce.chunk";
    public static final String SOURCE = "ecommerce.source";
    public static final String SEED = "ecommerce.seed";
    public static final String SCALE = "ecommerce.scale";
    public static final String ANCHOR_DATE = "ecommerce.anchorDate";
    public static final String THREADS = "ecommerce.threads";
    public static final String DESTINATIONS = "ecommerce.destinations";
    public static final String OUTPUT_DIRECTORY = "ecommerce.outputDirectory";
    public static final String FORMATS = "ecommerce.formats";
    public static final String EXPORT_REJECTED = "ecommerce.exportRejected";
    public static final String DUCKDB_MEMORY_LIMIT = "ecommerce.duckdb.memoryLimit";
    public static final String DUCKDB_THREADS = "ecommerce.duckdb.threads";
    public static final String DUCKDB_TEMP_DIRECTORY = "ecommerce.duckdb.tempDirectory";

    public static final String S3_PATH = "ecommerce.s3.path";
    public static final String S3_FORMATS = "ecommerce.s3.formats";
    public static final String S3_PARTITION_BY_RUN_DATE = "ecommerce.s3.partitionByRunDate";
    public static final String S3_LAYOUT = "ecommerce.s3.layout";
    public static final String S3_REGION = "ecommerce.s3.region";
    public static final String S3_ENDPOINT = "ecommerce.s3.endpoint";
    public static final String S3_PATH_STYLE = "ecommerce.s3.pathStyle";
    public static final String S3_CHECKSUM_MODE = "ecommerce.s3.checksumMode";
    public static final String S3_SERVER_ID = "ecommerce.s3.serverId";
    public static final String S3_MAX_ATTEMPTS = "ecommerce.s3.maxAttempts";
    public static final String S3_MULTIPART_THRESHOLD_MB = "ecommerce.s3.multipartThresholdMb";
    public static final String S3_PART_SIZE_MB = "ecommerce.s3.partSizeMb";
    public static final String S3_MAX_CONCURRENCY = "ecommerce.s3.maxConcurrency";
    public static final String S3_LOCAL_SERVER = "ecommerce.s3.localServer";
    public static final String MOTHERDUCK_DATABASE = "ecommerce.motherduck.database";
    public static final String MOTHERDUCK_MODE = "ecommerce.motherduck.mode";
    public static final String MOTHERDUCK_SERVER_ID = "ecommerce.motherduck.serverId";

    public static final String GCP_PROJECT = "ecommerce.gcpProject";
    public static final String DATASET = "ecommerce.dataset";
    public static final String COLUMNS = "ecommerce.columns";
    public static final String START_DATE = "ecommerce.startDate";
    public static final String END_DATE = "ecommerce.endDate";
    public static final String FILTERS = "ecommerce.filters";
    public static final String MAX_BYTES_BILLED = "ecommerce.maxBytesBilled";
    public static final String DRY_RUN = "ecommerce.dryRun";
    public static final String READ_PATH = "ecommerce.readPath";
    public static final String BIGQUERY_REST_ENDPOINT = "ecommerce.bigquery.restEndpoint";
    public static final String BIGQUERY_GRPC_ENDPOINT = "ecommerce.bigquery.grpcEndpoint";
    public static final String BIGQUERY_LOCAL_SERVER = "ecommerce.bigquery.localServer";
    public static final String BIGQUERY_SERVER_ID = "ecommerce.bigquery.serverId";
    public static final String BIGQUERY_STREAMS = "ecommerce.bigquery.streamsPerTable";
    public static final String BIGQUERY_MAX_ATTEMPTS = "ecommerce.bigquery.maxAttempts";
    public static final String BIGQUERY_TIMEOUT = "ecommerce.bigquery.timeoutSeconds";

    private PropertyNames() {}
}
