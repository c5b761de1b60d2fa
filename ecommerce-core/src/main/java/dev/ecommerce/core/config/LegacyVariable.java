package dev.ecommerce.core.config;

/**
 * The variables of the Python pipeline's {@code .env} file. They are read from the environment and from
 * a {@code .env} file in the project folder, and fill settings the pom and {@code -D} leave unset.
 */
public enum LegacyVariable {
    TABLE_NAMES(false),
    DESTINATION(false),
    GCP_PROJECT(false),
    S3_PATH(false),
    AWS_PROFILE(false),
    AWS_REGION(false),
    AWS_ACCESS_KEY_ID(true),
    AWS_SECRET_ACCESS_KEY(true),
    AWS_SESSION_TOKEN(true),
    MOTHERDUCK_TOKEN(true),
    GOOGLE_APPLICATION_CREDENTIALS(false),
    TRANSFORM_S3_PATH_INPUT(false),
    TRANSFORM_S3_PATH_OUTPUT(false),
    /** The transform's {@code bigquery} target: the project that runs the queries and holds the models. */
    TRANSFORM_BIGQUERY_PROJECT(false),
    TRANSFORM_BIGQUERY_DATASET(false),
    TRANSFORM_BIGQUERY_LOCATION(false),
    /** Where the {@code bigquery} target reads the raw tables (default bigquery-public-data.thelook_ecommerce). */
    TRANSFORM_BIGQUERY_SOURCE_PROJECT(false),
    TRANSFORM_BIGQUERY_SOURCE_DATASET(false);

    private final boolean secret;

    LegacyVariable(boolean secret) {
        this.secret = secret;
    }

    /** True for values that must never appear in logs, reports or exceptions. */
    public boolean isSecret() {
        return secret;
    }
}
