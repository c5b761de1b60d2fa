package dev.ecommerce.core.config;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting a user can change, by key. The core names a setting in a message only through its key
 * ({@link #ref()}, {@link #set(Object)}); the build tool that runs the core turns the key into its own words
 * (the Maven plugin: {@code <s3Path> (-Decommerce.s3.path)}) with {@link #render}. So the core never knows a pom
 * element or a property name, and a renamed property cannot drift from the messages that mention it.
 */
public enum Setting {
    WORK_DIRECTORY,
    WAREHOUSE,
    LOCK_WAIT_SECONDS,
    DUCKDB_MEMORY_LIMIT,
    DUCKDB_THREADS,
    DUCKDB_TEMP_DIRECTORY,
    TABLES,
    MODE,
    LOOKBACK_DAYS,
    INCREMENTS,
    FROM,
    TO,
    CHUNK,
    SOURCE,
    SEED,
    SCALE,
    ANCHOR_DATE,
    THREADS,
    GCP_PROJECT,
    DATASET,
    COLUMNS,
    START_DATE,
    END_DATE,
    FILTERS,
    MAX_BYTES_BILLED,
    DRY_RUN,
    READ_PATH,
    BIGQUERY_REST_ENDPOINT,
    BIGQUERY_GRPC_ENDPOINT,
    BIGQUERY_LOCAL_SERVER,
    BIGQUERY_SERVER_ID,
    BIGQUERY_STREAMS_PER_TABLE,
    BIGQUERY_MAX_ATTEMPTS,
    BIGQUERY_TIMEOUT_SECONDS,
    ON_INVALID,
    MAX_INVALID_RATIO,
    CONTRACTS,
    TABLE_CHECKS,
    DESTINATIONS,
    OUTPUT_DIRECTORY,
    FORMATS,
    EXPORT_REJECTED,
    S3_PATH,
    S3_FORMATS,
    S3_PARTITION_BY_RUN_DATE,
    S3_LAYOUT,
    S3_REGION,
    S3_ENDPOINT,
    S3_PATH_STYLE,
    S3_CHECKSUM_MODE,
    S3_SERVER_ID,
    S3_MAX_ATTEMPTS,
    S3_MULTIPART_THRESHOLD_MB,
    S3_PART_SIZE_MB,
    S3_MAX_CONCURRENCY,
    S3_LOCAL_SERVER,
    MOTHERDUCK_DATABASE,
    MOTHERDUCK_MODE,
    MOTHERDUCK_SERVER_ID,
    TRANSFORM_ENGINE,
    TRANSFORM_PROJECT_DIRECTORY,
    TRANSFORM_PROFILES_DIRECTORY,
    TRANSFORM_TARGET,
    TRANSFORM_VARS,
    TRANSFORM_SELECT,
    TRANSFORM_EXCLUDE,
    TRANSFORM_STATE,
    TRANSFORM_DBT_EXECUTABLE,
    TRANSFORM_FULL_REFRESH,
    TRANSFORM_S3_INPUT_PATH,
    TRANSFORM_S3_OUTPUT_PATH,
    TRANSFORM_FORK,
    TRANSFORM_JVM_ARGS;

    /** {@code {{KEY}}} or {@code {{KEY=value}}}; a value runs to the closing braces. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([A-Z0-9_]+)(?:=(.*?))?}}");

    /** This setting, in a message: {@code {{S3_PATH}}}. */
    public String ref() {
        return "{{" + name() + "}}";
    }

    /** This setting given a value, in a message ("set it to"): {@code {{S3_CHECKSUM_MODE=when_required}}}. */
    public String set(Object value) {
        return "{{" + name() + "=" + value + "}}";
    }

    /** A neutral name of the key, for text with no build tool to render it: {@code s3PartSizeMb}. */
    public String key() {
        StringBuilder key = new StringBuilder();
        for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
            key.append(key.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return key.toString();
    }

    /**
     * The text with every reference rendered by {@code words}, which gets the setting and the value to give it
     * (null for a plain mention). References to no known key stay as they are.
     */
    public static String render(String text, BiFunction<Setting, String, String> words) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            Setting setting = byName(matcher.group(1));
            String replacement = setting == null ? matcher.group() : words.apply(setting, matcher.group(2));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    /** The text with neutral key names ({@code s3Path}, {@code onInvalid=quarantine}): for files the core writes. */
    public static String plain(String text) {
        return render(text, (setting, value) -> value == null ? setting.key() : setting.key() + "=" + value);
    }

    private static Setting byName(String name) {
        for (Setting setting : values()) {
            if (setting.name().equals(name)) {
                return setting;
            }
        }
        return null;
    }
}
