package dev.ecommerce.testkit.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.duckdb.DuckDBConnection;

/**
 * Plans and runs queries: translation, the result schema (DuckDB's {@code DESCRIBE}, no execution), the byte
 * estimate of a dry run, the {@code maximumBytesBilled} check, and the anonymous result table.
 */
final class QueryEngine {

    /** A result column: its DuckDB name and type, and the BigQuery field it becomes. */
    record ResultColumn(String duckName, String duckType, BqField field) {}

    /**
     * A planned query.
     *
     * @param bytesProcessed the estimate: over every table read, the bytes of the columns the query names
     *     (all of them for {@code *}; the smallest one when it names none, e.g. {@code COUNT(*)})
     * @param bytesBilled BigQuery's rule: rounded up to 1 MiB, at least 10 MiB per table read
     */
    record Plan(String sql, List<ResultColumn> columns, long bytesProcessed, long bytesBilled) {
        List<BqField> fields() {
            return columns.stream().map(ResultColumn::field).toList();
        }
    }

    private static final long MIB = 1024L * 1024L;

    private final Catalog catalog;
    private final QueryTranslator translator;

    QueryEngine(Catalog catalog) {
        this.catalog = catalog;
        this.translator = new QueryTranslator(catalog);
    }

    QueryTranslator translator() {
        return translator;
    }

    /** Translates and describes a query without running it. */
    Plan plan(String query, JsonNode parameters) {
        QueryTranslator.Translation translation = translator.query(query, parameters);
        List<ResultColumn> columns = describe(translation);
        long processed = estimate(translation);
        long billed = processed == 0
                ? 0
                : Math.max(10 * MIB * translation.tables().size(), (processed + MIB - 1) / MIB * MIB);
        return new Plan(translation.sql(), columns, processed, billed);
    }

    /** Fails like BigQuery when the query would bill more than {@code maximumBytesBilled}. */
    static void checkBilling(Plan plan, Long maximumBytesBilled) {
        if (maximumBytesBilled != null && plan.bytesBilled() > maximumBytesBilled) {
            throw new BigQueryApiException(new RestError(
                    400,
                    "bytesBilledLimitExceeded",
                    "Query exceeded limit for bytes billed: " + maximumBytesBilled + ". " + plan.bytesBilled()
                            + " or higher required."));
        }
    }

    /** Runs a planned query into its anonymous result table. */
    TableMeta run(String jobProject, String jobId, Plan plan) {
        try {
            return catalog.materialize(jobProject, jobId, plan.sql(), plan.columns());
        } catch (SQLException e) {
            throw sqlError(e);
        }
    }

    private List<ResultColumn> describe(QueryTranslator.Translation translation) {
        List<String[]> described = new ArrayList<>();
        try (DuckDBConnection connection = catalog.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SqlText.describe(translation.sql()))) {
            while (rs.next()) {
                described.add(new String[] {rs.getString("column_name"), rs.getString("column_type")});
            }
        } catch (SQLException e) {
            throw sqlError(e);
        }
        Set<String> geography = new HashSet<>();
        for (TableMeta table : translation.tables()) {
            table.fields().stream()
                    .filter(f -> f.type() == BqType.GEOGRAPHY)
                    .forEach(f -> geography.add(f.name().toLowerCase(Locale.ROOT)));
        }
        List<ResultColumn> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        int anonymous = 0;
        for (String[] column : described) {
            String duckName = column[0];
            String name = SqlText.isColumnName(duckName) ? duckName : "f" + anonymous++ + "_";
            BqType type = BqType.fromDuck(column[1]);
            if (type == BqType.STRING && geography.contains(name.toLowerCase(Locale.ROOT))) {
                type = BqType.GEOGRAPHY; // a thelook GEOGRAPHY column passed through
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                duplicates.add(name);
            }
            columns.add(new ResultColumn(duckName, column[1], new BqField(name, type)));
        }
        if (!duplicates.isEmpty()) {
            throw BigQueryApiException.invalidQuery(
                    "Duplicate column names in the result are not supported. Found duplicate(s): "
                            + String.join(", ", duplicates));
        }
        return columns;
    }

    private static long estimate(QueryTranslator.Translation translation) {
        long total = 0;
        for (TableMeta table : translation.tables()) {
            long bytes = 0;
            boolean named = false;
            long smallest = Long.MAX_VALUE;
            for (int i = 0; i < table.fields().size(); i++) {
                long columnBytes = table.columnBytes().get(i);
                if (columnBytes > 0) {
                    smallest = Math.min(smallest, columnBytes);
                }
                if (translation.star()
                        || translation
                                .identifiers()
                                .contains(table.fields().get(i).name().toLowerCase(Locale.ROOT))) {
                    bytes += columnBytes;
                    named = true;
                }
            }
            total += named || smallest == Long.MAX_VALUE ? bytes : smallest;
        }
        return total;
    }

    /** DuckDB's error as the BigQuery error a client expects. */
    static BigQueryApiException sqlError(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        if (message.startsWith("Catalog Error: Table with name")) {
            return new BigQueryApiException(new RestError(404, "notFound", "Not found: " + message), e);
        }
        if (message.startsWith("INTERNAL Error")
                || message.startsWith("Out of Memory Error")
                || message.startsWith("IO Error")) {
            return new BigQueryApiException(new RestError(500, "internalError", message), e);
        }
        if (message.startsWith("Permission Error")) {
            return new BigQueryApiException(new RestError(403, "accessDenied", "Access Denied: " + message), e);
        }
        return new BigQueryApiException(new RestError(400, "invalidQuery", message), e);
    }
}
