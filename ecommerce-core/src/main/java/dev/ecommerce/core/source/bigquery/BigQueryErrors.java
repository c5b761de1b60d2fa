package dev.ecommerce.core.source.bigquery;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Table;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns BigQuery's errors into the pipeline's: what the user can change (permission, quota, not found, bad
 * query, byte cap) becomes a message naming the table and the setting; what is transient and still failed
 * after the bounded retries becomes an infrastructure error. Messages never carry credentials.
 */
final class BigQueryErrors {

    private BigQueryErrors() {}

    static EcommerceException translate(BigQueryException e, Table table, BigQuerySpec spec) {
        BigQueryError error = e.getError();
        return translate(error != null ? error.getReason() : null, e.getCode(), e.getMessage(), e, table, spec);
    }

    static EcommerceException translate(BigQueryError error, Table table, BigQuerySpec spec) {
        return translate(error.getReason(), 0, error.getMessage(), null, table, spec);
    }

    static EcommerceException translate(ApiException e, Table table, BigQuerySpec spec) {
        String reason = switch (e.getStatusCode().getCode()) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> "accessDenied";
            case NOT_FOUND -> "notFound";
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> "invalid";
            case RESOURCE_EXHAUSTED -> "quotaExceeded";
            default -> "backendError";
        };
        return translate(reason, 0, e.getMessage(), e, table, spec);
    }

    private static EcommerceException translate(
            String reason, int code, String message, Throwable cause, Table table, BigQuerySpec spec) {
        String what = "BigQuery " + (reason == null ? "error " + code : reason) + " on " + table.sqlName() + ": "
                + message + ". ";
        String key = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "accessdenied", "unauthorized", "forbidden" ->
                new ConfigurationException(
                        what
                                + "Grant the credentials roles/bigquery.jobUser and roles/bigquery.readSessionUser on project "
                                + spec.billingProject() + " and read access to " + spec.dataset() + ".",
                        cause);
            case "notfound" ->
                new ConfigurationException(
                        what + "Check " + Setting.DATASET.ref() + " (" + spec.dataset() + ") and "
                                + Setting.GCP_PROJECT.ref() + " ("
                                + spec.billingProject()
                                + ").",
                        cause);
            case "invalidquery", "invalid" ->
                new ConfigurationException(
                        what + "Check " + Setting.FILTERS.ref() + ", " + Setting.COLUMNS.ref()
                                + " and the date window.",
                        cause);
            case "bytesbilledlimitexceeded" ->
                new ConfigurationException(what + "Raise " + Setting.MAX_BYTES_BILLED.ref() + " or read less.", cause);
            case "quotaexceeded" ->
                new ConfigurationException(
                        what
                                + "The project's BigQuery quota is used up: wait, or raise the quota of "
                                + spec.billingProject()
                                + ".",
                        cause);
            default ->
                new InfrastructureException(what + "It still failed after " + spec.maxAttempts() + " attempts.", cause);
        };
    }

    /** The read columns must arrive with types that map to the warehouse's. */
    static void checkSchema(Table table, List<String> columns, Schema schema) {
        for (String column : columns) {
            Field field = schema.getFields().stream()
                    .filter(f -> f.getName().equals(column))
                    .findFirst()
                    .orElseThrow(() -> new DataException("BigQuery returned no column " + table.sqlName() + "." + column
                            + ": is " + Setting.DATASET.ref() + " a thelook_ecommerce dataset?"));
            ArrowType type = field.getType();
            boolean fits =
                    switch (table.columns().get(table.columnIndex(column)).type()) {
                        case BIGINT -> type instanceof ArrowType.Int;
                        case DOUBLE -> type instanceof ArrowType.FloatingPoint || type instanceof ArrowType.Decimal;
                        case VARCHAR -> type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
                        case TIMESTAMPTZ -> type instanceof ArrowType.Timestamp;
                    };
            if (!fits) {
                throw new DataException("BigQuery column " + table.sqlName() + "." + column + " has type " + type
                        + ", which does not map to "
                        + table.columns().get(table.columnIndex(column)).type().sql()
                        + ": is " + Setting.DATASET.ref() + " a thelook_ecommerce dataset?");
            }
        }
    }
}
