package dev.ecommerce.core.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a dbt project sees ({@code env_var()} in the embedded engine, the dbt process's
 * environment): the process environment, the {@code .env} variables it lacks ({@code MOTHERDUCK_TOKEN},
 * {@code TRANSFORM_S3_PATH_*}), the S3 paths given as settings, and two variables of the build:
 * {@code ECOMMERCE_WAREHOUSE}, the warehouse file, and {@code ECOMMERCE_WORK_DIRECTORY}, the work directory (for
 * a target's throw-away database, so that it stays under the building project's {@code target/}).
 */
public final class TransformEnvironment {

    public static final String WAREHOUSE = "ECOMMERCE_WAREHOUSE";
    public static final String WORK_DIRECTORY = "ECOMMERCE_WORK_DIRECTORY";

    private TransformEnvironment() {}

    /**
     * @param process the process environment
     * @param s3InputPath the {@code dev} target's raw files; null or blank keeps TRANSFORM_S3_PATH_INPUT
     * @param s3OutputPath where the {@code dev} target writes the marts; null or blank keeps TRANSFORM_S3_PATH_OUTPUT
     */
    public static Map<String, String> of(
            Map<String, String> process,
            Settings settings,
            WorkLayout layout,
            String s3InputPath,
            String s3OutputPath) {
        Map<String, String> environment = new HashMap<>(process);
        for (LegacyVariable variable : LegacyVariable.values()) {
            String value = settings.resolve(null, variable).value();
            if (value != null) {
                environment.putIfAbsent(variable.name(), value);
            }
        }
        if (s3InputPath != null && !s3InputPath.isBlank()) {
            environment.put(LegacyVariable.TRANSFORM_S3_PATH_INPUT.name(), s3InputPath.trim());
        }
        if (s3OutputPath != null && !s3OutputPath.isBlank()) {
            environment.put(LegacyVariable.TRANSFORM_S3_PATH_OUTPUT.name(), s3OutputPath.trim());
        }
        environment.put(WAREHOUSE, layout.warehouse().toString());
        environment.put(WORK_DIRECTORY, layout.workDirectory().toString());
        return environment;
    }
}
