package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The BigQuery source.
 *
 * @param billingProject the project billed for queries and reads ({@code gcpProject} or GCP_PROJECT)
 * @param dataset {@code project.dataset} holding the thelook tables
 * @param columns per table, the columns to read (absent: all); the others stay NULL in the warehouse
 * @param startDate inclusive lower bound on {@code created_at} (UTC), or null
 * @param endDate exclusive upper bound on {@code created_at} (UTC), or null
 * @param filters per table, an extra predicate (checked by {@code FilterExpression}), or absent
 * @param maxBytesBilled the most bytes the whole ingest may bill, or null for no cap
 * @param dryRun estimate the cost and stop
 * @param readPath Storage Read API (Arrow) or REST paging
 * @param restEndpoint the BigQuery REST root, e.g. {@code http://127.0.0.1:9050}, or null for Google's
 * @param grpcEndpoint the Storage Read {@code host:port} (plaintext), or null for Google's
 * @param credentials where credentials come from
 * @param streamsPerTable Storage Read streams per table (1 or 2 is plenty for thelook)
 * @param maxAttempts attempts per call before a transient error fails the build
 * @param timeoutSeconds how long one call may wait for an answer (a stalled response counts as transient)
 */
public record BigQuerySpec(
        String billingProject,
        String dataset,
        Map<Table, List<String>> columns,
        Instant startDate,
        Instant endDate,
        Map<Table, String> filters,
        Long maxBytesBilled,
        boolean dryRun,
        ReadPath readPath,
        String restEndpoint,
        String grpcEndpoint,
        GoogleCredentialsSpec credentials,
        int streamsPerTable,
        int maxAttempts,
        int timeoutSeconds)
        implements SourceSpec {

    public static final String DEFAULT_DATASET = "bigquery-public-data.thelook_ecommerce";
    public static final int DEFAULT_STREAMS_PER_TABLE = 2;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{3,80}[a-z0-9]");
    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9_]{1,1024}");

    public BigQuerySpec {
        if (billingProject == null || !PROJECT.matcher(billingProject).matches()) {
            throw new ConfigurationException("Set the BigQuery billing project with " + Setting.GCP_PROJECT.ref()
                    + " or GCP_PROJECT (a project id such as my-project-123; got " + quoted(billingProject)
                    + ").");
        }
        String[] parts = dataset == null ? new String[0] : dataset.split("\\.");
        if (parts.length != 2
                || !PROJECT.matcher(parts[0]).matches()
                || !DATASET_NAME.matcher(parts[1]).matches()) {
            throw new ConfigurationException(Setting.DATASET.ref() + " must be project.dataset, e.g. " + DEFAULT_DATASET
                    + " (got " + quoted(dataset) + ").");
        }
        columns = Map.copyOf(columns);
        columns.forEach((table, names) -> {
            for (String name : names) {
                if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
                    throw new ConfigurationException("Unknown column " + table.sqlName() + "." + name
                            + " in <columns>. Valid columns: "
                            + String.join(
                                    ", ",
                                    table.columns().stream().map(c -> c.name()).toList()) + ".");
                }
            }
        });
        if (startDate != null && endDate != null && !startDate.isBefore(endDate)) {
            throw new ConfigurationException(Setting.START_DATE.ref() + " " + startDate + " must be before "
                    + Setting.END_DATE.ref() + " " + endDate + ".");
        }
        filters = Map.copyOf(filters);
        if (maxBytesBilled != null && maxBytesBilled <= 0) {
            throw new ConfigurationException(
                    Setting.MAX_BYTES_BILLED.ref() + " must be positive (got " + maxBytesBilled + ").");
        }
        if (streamsPerTable < 1 || streamsPerTable > 16) {
            throw new ConfigurationException(Setting.BIGQUERY_STREAMS_PER_TABLE.ref()
                    + " must be between 1 and 16 (got " + streamsPerTable + ").");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new ConfigurationException(Setting.BIGQUERY_TIMEOUT_SECONDS.ref()
                    + " must be between 1 and 3600 (got " + timeoutSeconds + ").");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new ConfigurationException(
                    Setting.BIGQUERY_MAX_ATTEMPTS.ref() + " must be between 1 and 20 (got " + maxAttempts + ").");
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    /** The project part of {@link #dataset()}. */
    public String datasetProject() {
        return dataset.substring(0, dataset.indexOf('.'));
    }

    /** The dataset part of {@link #dataset()}. */
    public String datasetName() {
        return dataset.substring(dataset.indexOf('.') + 1);
    }

    /** The columns to read of a table, in the table's order. */
    public List<String> columnsOf(Table table) {
        List<String> selected = columns.get(table);
        return table.columns().stream()
                .map(c -> c.name())
                .filter(name -> selected == null || selected.isEmpty() || selected.contains(name))
                .toList();
    }

    @Override
    public String kind() {
        return "bigquery";
    }

    @Override
    public String describe() {
        return "BigQuery " + dataset + " (billing project " + billingProject + ", "
                + readPath.name().toLowerCase(Locale.ROOT) + " read path)";
    }

    /** The dataset and the date window; a table's own filters and columns are the user's choice for that table. */
    @Override
    public Map<String, Object> fingerprint(Table table) {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("kind", kind());
        fingerprint.put("dataset", dataset);
        fingerprint.put("startDate", startDate == null ? null : startDate.toString());
        fingerprint.put("endDate", endDate == null ? null : endDate.toString());
        return fingerprint;
    }

    @Override
    public Map<String, Object> parameters() { // never the credentials
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", kind());
        parameters.put("billingProject", billingProject);
        parameters.put("dataset", dataset);
        parameters.put("readPath", readPath.name().toLowerCase(Locale.ROOT));
        parameters.put("startDate", startDate == null ? null : startDate.toString());
        parameters.put("endDate", endDate == null ? null : endDate.toString());
        parameters.put("maxBytesBilled", maxBytesBilled);
        Map<String, Object> filtersByName = new LinkedHashMap<>();
        filters.forEach((table, filter) -> filtersByName.put(table.sqlName(), filter));
        parameters.put("filters", filtersByName);
        Map<String, Object> columnsByName = new LinkedHashMap<>();
        columns.forEach((table, names) -> columnsByName.put(table.sqlName(), names));
        parameters.put("columns", columnsByName);
        return parameters;
    }

    @Override
    public List<String> unusedSettings(List<Table> tables) {
        List<String> warnings = new ArrayList<>();
        for (var entry : List.of(
                Map.entry(Setting.FILTERS.ref(), filters.keySet()),
                Map.entry(Setting.COLUMNS.ref(), columns.keySet()))) {
            List<String> unused = entry.getValue().stream()
                    .filter(table -> !tables.contains(table))
                    .map(Table::sqlName)
                    .sorted()
                    .toList();
            if (!unused.isEmpty()) {
                warnings.add(entry.getKey() + " names " + String.join(", ", unused) + ", which this run does not read"
                        + " (tables: " + Table.sqlNames(tables) + "), so it is ignored: add the table to "
                        + Setting.TABLES.ref() + " (or TABLE_NAMES) or remove it.");
            }
        }
        return warnings;
    }
}
