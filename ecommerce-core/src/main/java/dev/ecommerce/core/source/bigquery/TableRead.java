package dev.ecommerce.core.source.bigquery;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.schema.Table;
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

    /** The read of a table; with {@code since}, only its rows created at or after it (an increment's window). */
    static TableRead plan(BigQuerySpec spec, Table table, Instant since) {
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
        boolean hasCreatedAt = table.columns().stream().anyMatch(c -> c.name().equals("created_at"));
        Instant start =
                spec.startDate() == null || since != null && since.isAfter(spec.startDate()) ? since : spec.startDate();
        if (hasCreatedAt && start != null) {
            conditions.add(GoogleSql.column("created_at") + " >= " + GoogleSql.timestamp(start));
            restriction.add("created_at >= " + GoogleSql.timestamp(start));
        }
        if (hasCreatedAt && spec.endDate() != null) {
            conditions.add(GoogleSql.column("created_at") + " < " + GoogleSql.timestamp(spec.endDate()));
            restriction.add("created_at < " + GoogleSql.timestamp(spec.endDate()));
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

    /** The Storage Read table path of the source table. */
    String tablePath(BigQuerySpec spec) {
        return "projects/" + spec.datasetProject() + "/datasets/" + spec.datasetName() + "/tables/" + table.sqlName();
    }
}
