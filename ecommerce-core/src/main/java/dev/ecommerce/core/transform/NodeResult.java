package dev.ecommerce.core.transform;

/**
 * The outcome of one dbt node (seed, model, test, unit test), as in dbt's {@code run_results.json}.
 *
 * @param uniqueId dbt's id, e.g. {@code model.thelook.stg_orders}
 * @param resourceType {@code model}, {@code seed}, {@code test} or {@code unit_test}
 * @param file the file that defines the node, relative to the project ({@code models/staging/stg_orders.sql})
 * @param status {@code success}, {@code error}, {@code pass}, {@code fail}, {@code warn} or {@code skipped}
 * @param seconds execution time
 * @param failures failing rows of a test (null for models)
 * @param message DuckDB's message, a unit test's diff, or why it was skipped
 * @param rowsAffected rows written by a model or seed (-1 when unknown)
 */
public record NodeResult(
        String uniqueId,
        String resourceType,
        String file,
        Status status,
        double seconds,
        Long failures,
        String message,
        long rowsAffected)
        implements java.io.Serializable {

    /** dbt's statuses. */
    public enum Status {
        SUCCESS("success"),
        ERROR("error"),
        PASS("pass"),
        FAIL("fail"),
        WARN("warn"),
        SKIPPED("skipped");

        private final String dbtName;

        Status(String dbtName) {
            this.dbtName = dbtName;
        }

        public String dbtName() {
            return dbtName;
        }

        /** The status of a dbt name, e.g. {@code runtime error} is an error. */
        public static Status ofDbt(String name) {
            for (Status status : values()) {
                if (status.dbtName.equalsIgnoreCase(name)) {
                    return status;
                }
            }
            return name != null && name.toLowerCase(java.util.Locale.ROOT).contains("error") ? ERROR : SUCCESS;
        }

        /** True for a model that failed or a test that found rows. */
        public boolean isFailure() {
            return this == ERROR || this == FAIL;
        }
    }

    /**
     * The node's short name: the last part of its id, but for a generic test ({@code test.<project>.<name>.<hash>})
     * the part before dbt's hash.
     */
    public String name() {
        String[] parts = uniqueId.split("\\.");
        return "test".equals(resourceType) && parts.length == 4 ? parts[2] : parts[parts.length - 1];
    }
}
