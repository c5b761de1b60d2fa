package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The BigQuery source's settings as a build tool hands them over (text, unset = null), turned into a
 * checked {@link BigQuerySpec} with the environment and {@code .env} as fallbacks. Set what you have by name;
 * the rest keeps its default ({@link BigQuerySpec}'s {@code DEFAULT_*}).
 */
public final class BigQueryParameters {

    private String gcpProject; // else GCP_PROJECT
    private String dataset; // project.dataset, else BigQuerySpec.DEFAULT_DATASET
    private List<String> columns; // table.column entries
    private String startDate; // YYYY-MM-DD or an ISO instant, inclusive
    private String endDate; // exclusive
    private String filters; // table: predicate; table: predicate
    private Long maxBytesBilled;
    private boolean dryRun;
    private String readPath;
    private String restEndpoint;
    private String grpcEndpoint;
    private Path serverKeyFile; // a service-account key file from a settings.xml server
    private Secret serverKeyJson; // a service-account key's JSON from a settings.xml server
    private int streamsPerTable = BigQuerySpec.DEFAULT_STREAMS_PER_TABLE;
    private int maxAttempts = BigQuerySpec.DEFAULT_MAX_ATTEMPTS;
    private int timeoutSeconds = BigQuerySpec.DEFAULT_TIMEOUT_SECONDS;

    public BigQueryParameters gcpProject(String value) {
        gcpProject = value;
        return this;
    }

    public BigQueryParameters dataset(String value) {
        dataset = value;
        return this;
    }

    public BigQueryParameters columns(List<String> value) {
        columns = value;
        return this;
    }

    public BigQueryParameters window(String start, String end) {
        startDate = start;
        endDate = end;
        return this;
    }

    public BigQueryParameters filters(String value) {
        filters = value;
        return this;
    }

    public BigQueryParameters maxBytesBilled(Long value) {
        maxBytesBilled = value;
        return this;
    }

    public BigQueryParameters dryRun(boolean value) {
        dryRun = value;
        return this;
    }

    public BigQueryParameters readPath(String value) {
        readPath = value;
        return this;
    }

    /** A BigQuery-compatible server, such as ecommerce-testkit's LocalBigQuery. */
    public BigQueryParameters endpoints(String rest, String grpc) {
        restEndpoint = rest;
        grpcEndpoint = grpc;
        return this;
    }

    public BigQueryParameters serverKeyFile(Path value) {
        serverKeyFile = value;
        return this;
    }

    public BigQueryParameters serverKeyJson(Secret value) {
        serverKeyJson = value;
        return this;
    }

    public BigQueryParameters streamsPerTable(int value) {
        streamsPerTable = value;
        return this;
    }

    public BigQueryParameters maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    public BigQueryParameters timeoutSeconds(int value) {
        timeoutSeconds = value;
        return this;
    }

    public BigQuerySpec toSpec(Settings settings) {
        String project =
                settings.resolve(gcpProject, LegacyVariable.GCP_PROJECT).value();
        boolean local = blank(restEndpoint) != null;
        return new BigQuerySpec(
                project,
                blank(dataset) == null ? BigQuerySpec.DEFAULT_DATASET : dataset.trim(),
                parseColumns(columns),
                parseInstant(startDate, Setting.START_DATE.ref()),
                parseInstant(endDate, Setting.END_DATE.ref()),
                parseFilters(filters),
                maxBytesBilled,
                dryRun,
                ReadPath.parse(readPath),
                blank(restEndpoint),
                blank(grpcEndpoint),
                credentials(settings, local),
                streamsPerTable,
                maxAttempts,
                timeoutSeconds);
    }

    /**
     * A settings.xml server first, then GOOGLE_APPLICATION_CREDENTIALS (environment, then .env), then no
     * credentials for a local endpoint, else Application Default Credentials.
     */
    private GoogleCredentialsSpec credentials(Settings settings, boolean localEndpoint) {
        if (serverKeyJson != null) {
            return new GoogleCredentialsSpec.KeyJson(serverKeyJson);
        }
        if (serverKeyFile != null) {
            return new GoogleCredentialsSpec.KeyFile(serverKeyFile);
        }
        String keyFile = settings.resolve(null, LegacyVariable.GOOGLE_APPLICATION_CREDENTIALS)
                .value();
        if (keyFile != null) {
            return new GoogleCredentialsSpec.KeyFile(Path.of(keyFile));
        }
        return localEndpoint ? new GoogleCredentialsSpec.None() : new GoogleCredentialsSpec.ApplicationDefault();
    }

    static Map<Table, List<String>> parseColumns(List<String> entries) {
        Map<Table, List<String>> columns = new EnumMap<>(Table.class);
        if (entries == null) {
            return columns;
        }
        for (String entry : entries) {
            for (String item : entry.split(",")) {
                String name = item.trim();
                if (name.isEmpty()) {
                    continue;
                }
                int dot = name.indexOf('.');
                if (dot <= 0) {
                    throw new ConfigurationException(Setting.COLUMNS.ref() + " entries are table.column, e.g."
                            + " orders.status (got '" + name + "').");
                }
                Table table = Table.parseAll(List.of(name.substring(0, dot)), Setting.COLUMNS.ref())
                        .get(0);
                columns.computeIfAbsent(table, t -> new ArrayList<>()).add(name.substring(dot + 1));
            }
        }
        return columns;
    }

    static Map<Table, String> parseFilters(String text) {
        Map<Table, String> filters = new EnumMap<>(Table.class);
        if (blank(text) == null) {
            return filters;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new ConfigurationException(Setting.FILTERS.ref() + " entries are 'table: predicate',"
                        + " separated by ';', e.g. orders: status = 'Complete' (got '" + entry.trim() + "').");
            }
            Table table = Table.parseAll(List.of(entry.substring(0, colon).trim()), Setting.FILTERS.ref())
                    .get(0);
            if (filters.put(table, entry.substring(colon + 1).trim()) != null) {
                throw new ConfigurationException(
                        Setting.FILTERS.ref() + " has two filters for " + table.sqlName() + ": combine them with AND.");
            }
        }
        return filters;
    }

    static Instant parseInstant(String text, String setting) {
        if (blank(text) == null) {
            return null;
        }
        String value = text.trim();
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("'" + value + "' is not a date for " + setting
                    + ": use YYYY-MM-DD (midnight UTC) or an instant such as 2024-01-31T12:00:00Z.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
