package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.SnapshotConfig;
import dev.ecommerce.core.transform.project.SnapshotConfig.HardDeletes;
import dev.ecommerce.core.transform.project.SnapshotConfig.MetaColumns;
import dev.ecommerce.core.transform.project.SnapshotConfig.Strategy;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's {@code snapshot}: the first run builds the table of the snapshot query's rows with the meta columns;
 * later runs stage the changes ({@link SnapshotSql}) in a temporary table, then add the columns the query
 * gained, close the changed and deleted versions and insert the new ones in one transaction, so a failed run
 * leaves the previous snapshot as it was.
 */
record SnapshotMaterializer(Database database) implements Materializer {

    @Override
    public Build prepare(BuildNode node) throws SQLException {
        SnapshotConfig config = SnapshotConfig.of(node.config(), node.file());
        SnapshotSql sql = new SnapshotSql(config, node.sql(), node.relation().sql());
        String existing =
                database.relationType(node.relation().schema(), node.relation().identifier());
        if (existing == null) {
            return new Build(
                    node.sql(),
                    () -> database.execute("CREATE TABLE " + node.relation().sql() + " AS\n" + sql.build()));
        }
        if (!Relations.TABLE.equals(existing)) {
            throw new ConfigurationException(
                    node.file() + ": the snapshot's relation " + node.relation().sql()
                            + " is a view, not a snapshot table; drop it or give the snapshot another alias.");
        }
        Map<String, String> targetColumns =
                database.columns(node.relation().schema(), node.relation().identifier());
        checkMetaColumns(node, config, targetColumns);
        String rowChanged = config.strategy() == Strategy.TIMESTAMP
                ? sql.rowChanged(List.of(), false)
                : checkRowChanged(node, config, sql, targetColumns);
        List<String> sourceColumns = config.hardDeletes() == HardDeletes.NEW_RECORD
                ? quoted(node, describe(node.sql()).keySet())
                : List.of();
        String staging = sql.staging(rowChanged, sourceColumns, targetColumns.keySet());
        return new Build(node.sql(), () -> merge(node, sql, staging, targetColumns));
    }

    /** dbt's {@code snapshot_check_all_get_existing_columns}: the checked columns the snapshot has. */
    private String checkRowChanged(BuildNode node, SnapshotConfig config, SnapshotSql sql, Map<String, String> target)
            throws SQLException {
        String query = config.checkCols() == null
                ? node.sql()
                : "select " + String.join(", ", config.checkCols()) + " from (\n" + node.sql() + "\n) subq";
        boolean columnAdded = false;
        List<String> present = new ArrayList<>();
        for (String column : describe(query).keySet()) {
            if (target.containsKey(column)) {
                present.add(column);
            } else {
                columnAdded = true;
            }
        }
        return sql.rowChanged(quoted(node, present), columnAdded);
    }

    /** dbt's {@code valid_snapshot_target}: the table has the meta columns a snapshot reads. */
    private static void checkMetaColumns(BuildNode node, SnapshotConfig config, Map<String, String> target) {
        MetaColumns c = config.columns();
        List<String> needed = new ArrayList<>(List.of(c.scdId(), c.validFrom(), c.validTo()));
        if (config.hardDeletes() == HardDeletes.NEW_RECORD) {
            needed.add(c.isDeleted());
        }
        List<String> missing =
                needed.stream().filter(n -> !target.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException(node.file() + ": "
                    + node.relation().sql() + " is not a snapshot table"
                    + " (it has no " + String.join(", ", missing) + "); drop it so the snapshot builds it again, or"
                    + " give the snapshot another alias.");
        }
    }

    private long merge(BuildNode node, SnapshotSql sql, String staging, Map<String, String> target)
            throws SQLException {
        String temp = Sql.identifier("__dbt_tmp_" + node.relation().identifier());
        database.execute("CREATE OR REPLACE TEMP TABLE " + temp + " AS\n" + staging);
        try {
            Map<String, String> stagingColumns = new LinkedHashMap<>(describe("select * from " + temp));
            stagingColumns.keySet().removeIf(SnapshotSql::isStagingOnly);
            List<String> insertColumns = quoted(node, stagingColumns.keySet());
            return database.inTransaction(() -> {
                for (Map.Entry<String, String> column : stagingColumns.entrySet()) {
                    if (!target.containsKey(column.getKey())) { // dbt's create_columns
                        database.execute("ALTER TABLE " + node.relation().sql() + " ADD COLUMN "
                                + Sql.identifier(column.getKey()) + " " + column.getValue());
                    }
                }
                database.execute(sql.close(temp));
                return database.execute(sql.insert(temp, insertColumns));
            });
        } finally {
            database.execute("DROP TABLE IF EXISTS " + temp);
        }
    }

    /** The columns of a query and their DuckDB types, in order. */
    private Map<String, String> describe(String query) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map<String, Object> row :
                database.rows("DESCRIBE SELECT * FROM (\n" + query + "\n) AS q", Integer.MAX_VALUE)) {
            columns.put(String.valueOf(row.get("column_name")), String.valueOf(row.get("column_type")));
        }
        return columns;
    }

    private static List<String> quoted(BuildNode node, Iterable<String> columns) {
        List<String> result = new ArrayList<>();
        for (String column : columns) {
            try {
                result.add(Sql.identifier(column));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(node.file() + ": the snapshot's column '" + column + "' needs a"
                        + " lower-case SQL name (letters, digits, _); rename it in the snapshot's query.");
            }
        }
        return result;
    }
}
