package dev.ecommerce.maven;

import dev.ecommerce.core.config.Setting;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place where the core's setting keys become what a Maven user writes: the pom element and the
 * {@code -D} property. Every message the plugin logs or fails with passes {@link #render}, so the core's
 * {@code {{S3_PATH}}} reads {@code <s3Path> (-Decommerce.s3.path)}. {@code SettingNamesTest} checks that every key
 * is here and that each element and property is a real parameter of a goal, listed in the README.
 */
final class SettingNames {

    /** A setting as the pom and the command line name it. */
    record Names(String element, String property) {}

    private static final Map<Setting, Names> NAMES = new EnumMap<>(Setting.class);

    static {
        put(Setting.WORK_DIRECTORY, "workDirectory", PropertyNames.WORK_DIRECTORY);
        put(Setting.WAREHOUSE, "warehouse", PropertyNames.WAREHOUSE);
        put(Setting.LOCK_WAIT_SECONDS, "lockWaitSeconds", PropertyNames.LOCK_WAIT_SECONDS);
        put(Setting.DUCKDB_MEMORY_LIMIT, "duckdbMemoryLimit", PropertyNames.DUCKDB_MEMORY_LIMIT);
        put(Setting.DUCKDB_THREADS, "duckdbThreads", PropertyNames.DUCKDB_THREADS);
        put(Setting.DUCKDB_TEMP_DIRECTORY, "duckdbTempDirectory", PropertyNames.DUCKDB_TEMP_DIRECTORY);
        put(Setting.TABLES, "tables", PropertyNames.TABLES);
        put(Setting.MODE, "mode", PropertyNames.MODE);
        put(Setting.LOOKBACK_DAYS, "lookbackDays", PropertyNames.LOOKBACK_DAYS);
        put(Setting.INCREMENTS, "increments", PropertyNames.INCREMENTS);
        put(Setting.FROM, "from", PropertyNames.FROM);
        put(Setting.TO, "to", PropertyNames.TO);
        put(Setting.CHUNK, "chunk", PropertyNames.CHUNK);
        put(Setting.SOURCE, "source", PropertyNames.SOURCE);
        put(Setting.SEED, "seed", PropertyNames.SEED);
        put(Setting.SCALE, "scale", PropertyNames.SCALE);
        put(Setting.ANCHOR_DATE, "anchorDate", PropertyNames.ANCHOR_DATE);
        put(Setting.THREADS, "threads", PropertyNames.THREADS);
        put(Setting.GCP_PROJECT, "gcpProject", PropertyNames.GCP_PROJECT);
        put(Setting.DATASET, "dataset", PropertyNames.DATASET);
        put(Setting.COLUMNS, "columns", PropertyNames.COLUMNS);
        put(Setting.START_DATE, "startDate", PropertyNames.START_DATE);
        put(Setting.END_DATE, "endDate", PropertyNames.END_DATE);
        put(Setting.FILTERS, "filters", PropertyNames.FILTERS);
        put(Setting.MAX_BYTES_BILLED, "maxBytesBilled", PropertyNames.MAX_BYTES_BILLED);
        put(Setting.DRY_RUN, "dryRun", PropertyNames.DRY_RUN);
        put(Setting.READ_PATH, "readPath", PropertyNames.READ_PATH);
        put(Setting.BIGQUERY_REST_ENDPOINT, "restEndpoint", PropertyNames.BIGQUERY_REST_ENDPOINT);
        put(Setting.BIGQUERY_GRPC_ENDPOINT, "grpcEndpoint", PropertyNames.BIGQUERY_GRPC_ENDPOINT);
        put(Setting.BIGQUERY_LOCAL_SERVER, "localServer", PropertyNames.BIGQUERY_LOCAL_SERVER);
        put(Setting.BIGQUERY_SERVER_ID, "serverId", PropertyNames.BIGQUERY_SERVER_ID);
        put(Setting.BIGQUERY_STREAMS_PER_TABLE, "streamsPerTable", PropertyNames.BIGQUERY_STREAMS);
        put(Setting.BIGQUERY_MAX_ATTEMPTS, "maxAttempts", PropertyNames.BIGQUERY_MAX_ATTEMPTS);
        put(Setting.BIGQUERY_TIMEOUT_SECONDS, "timeoutSeconds", PropertyNames.BIGQUERY_TIMEOUT);
        put(Setting.ON_INVALID, "onInvalid", PropertyNames.ON_INVALID);
        put(Setting.MAX_INVALID_RATIO, "maxInvalidRatio", PropertyNames.MAX_INVALID_RATIO);
        put(Setting.CONTRACTS, "contracts", PropertyNames.CONTRACTS);
        put(Setting.TABLE_CHECKS, "tableChecks", PropertyNames.TABLE_CHECKS);
        put(Setting.DESTINATIONS, "destinations", PropertyNames.DESTINATIONS);
        put(Setting.OUTPUT_DIRECTORY, "outputDirectory", PropertyNames.OUTPUT_DIRECTORY);
        put(Setting.FORMATS, "formats", PropertyNames.FORMATS);
        put(Setting.EXPORT_REJECTED, "exportRejected", PropertyNames.EXPORT_REJECTED);
        put(Setting.S3_PATH, "s3Path", PropertyNames.S3_PATH);
        put(Setting.S3_FORMATS, "s3Formats", PropertyNames.S3_FORMATS);
        put(Setting.S3_PARTITION_BY_RUN_DATE, "s3PartitionByRunDate", PropertyNames.S3_PARTITION_BY_RUN_DATE);
        put(Setting.S3_LAYOUT, "s3Layout", PropertyNames.S3_LAYOUT);
        put(Setting.S3_REGION, "s3Region", PropertyNames.S3_REGION);
        put(Setting.S3_ENDPOINT, "s3Endpoint", PropertyNames.S3_ENDPOINT);
        put(Setting.S3_PATH_STYLE, "s3PathStyle", PropertyNames.S3_PATH_STYLE);
        put(Setting.S3_CHECKSUM_MODE, "s3ChecksumMode", PropertyNames.S3_CHECKSUM_MODE);
        put(Setting.S3_SERVER_ID, "s3ServerId", PropertyNames.S3_SERVER_ID);
        put(Setting.S3_MAX_ATTEMPTS, "s3MaxAttempts", PropertyNames.S3_MAX_ATTEMPTS);
        put(Setting.S3_MULTIPART_THRESHOLD_MB, "s3MultipartThresholdMb", PropertyNames.S3_MULTIPART_THRESHOLD_MB);
        put(Setting.S3_PART_SIZE_MB, "s3PartSizeMb", PropertyNames.S3_PART_SIZE_MB);
        put(Setting.S3_MAX_CONCURRENCY, "s3MaxConcurrency", PropertyNames.S3_MAX_CONCURRENCY);
        put(Setting.S3_LOCAL_SERVER, "s3LocalServer", PropertyNames.S3_LOCAL_SERVER);
        put(Setting.MOTHERDUCK_DATABASE, "motherduckDatabase", PropertyNames.MOTHERDUCK_DATABASE);
        put(Setting.MOTHERDUCK_MODE, "motherduckMode", PropertyNames.MOTHERDUCK_MODE);
        put(Setting.MOTHERDUCK_SERVER_ID, "motherduckServerId", PropertyNames.MOTHERDUCK_SERVER_ID);
        put(Setting.TRANSFORM_ENGINE, "engine", PropertyNames.TRANSFORM_ENGINE);
        put(Setting.TRANSFORM_PROJECT_DIRECTORY, "projectDirectory", PropertyNames.TRANSFORM_PROJECT_DIRECTORY);
        put(Setting.TRANSFORM_PROFILES_DIRECTORY, "profilesDirectory", PropertyNames.TRANSFORM_PROFILES_DIRECTORY);
        put(Setting.TRANSFORM_TARGET, "target", PropertyNames.TRANSFORM_TARGET);
        put(Setting.TRANSFORM_VARS, "vars", PropertyNames.TRANSFORM_VARS);
        put(Setting.TRANSFORM_SELECT, "select", PropertyNames.TRANSFORM_SELECT);
        put(Setting.TRANSFORM_EXCLUDE, "exclude", PropertyNames.TRANSFORM_EXCLUDE);
        put(Setting.TRANSFORM_STATE, "state", PropertyNames.TRANSFORM_STATE);
        put(Setting.TRANSFORM_DBT_EXECUTABLE, "dbtExecutable", PropertyNames.TRANSFORM_DBT_EXECUTABLE);
        put(Setting.TRANSFORM_FULL_REFRESH, "fullRefresh", PropertyNames.TRANSFORM_FULL_REFRESH);
        put(Setting.TRANSFORM_S3_INPUT_PATH, "s3InputPath", PropertyNames.TRANSFORM_S3_INPUT_PATH);
        put(Setting.TRANSFORM_S3_OUTPUT_PATH, "s3OutputPath", PropertyNames.TRANSFORM_S3_OUTPUT_PATH);
        put(Setting.TRANSFORM_FORK, "fork", PropertyNames.TRANSFORM_FORK);
        put(Setting.TRANSFORM_JVM_ARGS, "jvmArgs", PropertyNames.TRANSFORM_JVM_ARGS);
    }

    private SettingNames() {}

    private static void put(Setting setting, String element, String property) {
        NAMES.put(setting, new Names(element, property));
    }

    /** The element and property of a key; every key has them ({@code SettingNamesTest}). */
    static Names of(Setting setting) {
        Names names = NAMES.get(setting);
        if (names == null) {
            throw new IllegalStateException("No pom element for " + setting);
        }
        return names;
    }

    /** Every key the plugin names. */
    static Map<Setting, Names> all() {
        return Map.copyOf(NAMES);
    }

    /**
     * The message in a Maven user's words: {@code {{S3_PATH}}} becomes {@code <s3Path> (-Decommerce.s3.path)},
     * {@code {{ON_INVALID=quarantine}}} becomes {@code <onInvalid>quarantine</onInvalid> (-Decommerce.onInvalid=quarantine)}.
     */
    static String render(String message) {
        return Setting.render(message, (setting, value) -> {
            Names names = of(setting);
            return value == null
                    ? "<" + names.element() + "> (-D" + names.property() + ")"
                    : "<" + names.element() + ">" + value + "</" + names.element() + "> (-D" + names.property() + "="
                            + value + ")";
        });
    }
}
