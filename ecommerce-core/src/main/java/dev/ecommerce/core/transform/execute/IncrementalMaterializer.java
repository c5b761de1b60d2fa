package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.List;

/**
 * dbt's {@code incremental}: the first run (or a full refresh, or a view in the way) builds the table as
 * {@code table} does; later runs add the rows of the model's SQL with {@code is_incremental()} true, appended
 * or, with a {@code unique_key}, replacing the rows with the same key ({@code delete+insert}).
 */
record IncrementalMaterializer(Database database, boolean fullRefresh) implements Materializer {

    @Override
    public Build prepare(BuildNode node) throws SQLException {
        String existing =
                database.relationType(node.relation().schema(), node.relation().identifier());
        if (fullRefresh || !Relations.TABLE.equals(existing)) {
            return new TableMaterializer(database).prepare(node);
        }
        String sql = node.incrementalSql().get();
        List<String> keys = node.config().uniqueKey();
        String strategy = node.config().incrementalStrategy() != null
                ? node.config().incrementalStrategy()
                : keys == null || keys.isEmpty() ? "append" : "delete+insert";
        if (strategy.equals("append")) {
            return new Build(
                    sql,
                    () -> database.execute("INSERT INTO " + node.relation().sql() + " BY NAME SELECT * FROM (\n" + sql
                            + "\n) AS __dbt_new"));
        }
        if (keys == null || keys.isEmpty()) {
            throw new ConfigurationException(node.file() + ": incremental_strategy delete+insert needs a unique_key.");
        }
        return new Build(sql, () -> deleteInsert(node, keys, sql));
    }

    private long deleteInsert(BuildNode node, List<String> keys, String sql) throws SQLException {
        String relation = node.relation().sql();
        String temp = Sql.identifier("__dbt_tmp_" + node.relation().identifier());
        database.execute("CREATE OR REPLACE TEMP TABLE " + temp + " AS\n" + sql);
        try {
            String match = String.join(
                    " AND ",
                    keys.stream()
                            .map(k -> relation + "." + key(node, k) + " = " + temp + "." + key(node, k))
                            .toList());
            // Delete and insert together or not at all: a failed insert must not lose the deleted rows.
            database.execute("BEGIN TRANSACTION");
            try {
                database.execute(
                        "DELETE FROM " + relation + " WHERE EXISTS (SELECT 1 FROM " + temp + " WHERE " + match + ")");
                long rows = database.execute("INSERT INTO " + relation + " BY NAME SELECT * FROM " + temp);
                database.execute("COMMIT");
                return rows;
            } catch (SQLException e) {
                database.execute("ROLLBACK");
                throw e;
            }
        } finally {
            database.execute("DROP TABLE IF EXISTS " + temp);
        }
    }

    private static String key(BuildNode node, String column) {
        try {
            return Sql.identifier(column.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    node.file() + ": unique_key '" + column + "' must be a lower-case" + " column name.");
        }
    }
}
