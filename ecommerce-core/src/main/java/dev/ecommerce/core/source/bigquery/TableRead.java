package dev.ecommerce.core.source.bigquery;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one table is read: its columns, the GoogleSQL query (used for the dry run, for filtered reads and
 * for REST), and, for reads without an extra filter, the row restriction of a direct Storage Read.
 *
 * @param query the table's query
 * @param rowRestriction the time window as a Storage Read row restriction, or "" for none
 * @param direct true when the Storage Read API can read the table itself (no extra filter)
 */
record TableRead(Table table, List<String> columns, String query, String rowRestriction, boolean direct) {

    /** thelook's GEOGRAPHY columns; read as WKT text. */
    static final Set<String> GEOGRAPHY = Set.of("distribution_center_geom", "user_geom");

    static TableRead plan(BigQuerySpec spec, Table table) {
        return plan(spec, table, null);
    }

    /** The read of a table; with a window, only its rows in it (an increment's or a backfill chunk's). */
    static TableRead plan(BigQuerySpec spec, Table table, Window window) {
        List<String> columns = spec.columnsOf(table);
        List<String> select = new ArrayList<>();
        for (String column : columns) {
            select.add(
                    GEOGRAPHY.contains(column)
                            ? "ST_ASTEXT(" + GoogleSql.column(column) + ") AS " + GoogleSql.column(column)
                            : GoogleSql.column(column));
        }
        List<String> conditions = new ArrayList<>();
        List<String> restriction = new ArrayList<>();
        if (table.columns().stream().anyMatch(c -> c.name().equals("created_at"))) {
            // The user's date range: on created_at, whatever the window's column.
            bound("created_at", " >= ", spec.startDate(), conditions, restriction);
            bound("created_at", " < ", spec.endDate(), conditions, restriction);
        }
        if (window != null) {
            bound(window.column(), " >= ", window.from(), conditions, restriction);
            bound(window.column(), " < ", window.until(), conditions, restriction);
        }
        String filter = spec.filters().get(table);
        if (filter != null) {
            conditions.add("(" + FilterExpression.render(table, filter) + ")");
        }
        String query = "SELECT " + String.join(", ", select) + " FROM "
                + GoogleSql.table(spec.datasetProject(), spec.datasetName(), table.sqlName())
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        return new TableRead(table, columns, query, String.join(" AND ", restriction), filter == null);
    }

    private static void bound(
            String column, String operator, Instant at, List<String> conditions, List<String> restriction) {
        if (at != null) {
            conditions.add(GoogleSql.column(column) + operator + GoogleSql.timestamp(at));
            restriction.add(column + operator + GoogleSql.timestamp(at));
        }
    }

    /** The Storage Read table path of the source table. */
    String tablePath(BigQuerySpec spec) {
        return "projects/" + spec.datasetProject() + "/datasets/" + spec.datasetName() + "/tables/" + table.sqlName();
    }
}
