package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.Yaml;
import dev.ecommerce.core.warehouse.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * dbt's {@code incremental}: the first run (or a full refresh, or a view in the way) builds the table as
 * {@code table} does; later runs stage the rows of the model's SQL with {@code is_incremental()} true, bring
 * the table's columns in line as {@code on_schema_change} says, and append them or, with a
 * {@code unique_key}, replace the rows with the same key ({@code delete+insert}) or merge them into them
 * ({@code merge}: DuckDB's {@code MERGE INTO}, as dbt's {@code get_merge_sql}), all in one transaction;
 * {@code incremental_predicates} narrow the rows replaced or merged, as in dbt.
 */
record IncrementalMaterializer(Database database, boolean fullRefresh) implements Materializer {

    @Override
    public Build prepare(BuildNode node) throws SQLException {
        String configured = node.config().incrementalStrategy();
        if (configured != null && !STRATEGIES.contains(configured)) {
            // dbt's own words, as a failure of this model
            throw new SQLException("dbt could not find an incremental strategy macro with the name \"get_incremental_"
                    + configured.replace('+', '_') + "_sql\" (" + node.file() + "; the embedded engine supports the"
                    + " strategies append, delete+insert and merge)");
        }
        String existing =
                database.relationType(node.relation().schema(), node.relation().identifier());
        if (node.config().fullRefresh(fullRefresh) || !Relations.TABLE.equals(existing)) {
            return new TableMaterializer(database).prepare(node);
        }
        String sql = node.incrementalSql().get();
        List<String> keys = node.config().uniqueKey();
        String strategy = node.config().incrementalStrategy() != null
                ? node.config().incrementalStrategy()
                : keys == null || keys.isEmpty() ? "append" : "delete+insert";
        if (strategy.equals("delete+insert") && (keys == null || keys.isEmpty())) {
            throw new ConfigurationException(node.file() + ": incremental_strategy delete+insert needs a unique_key.");
        }
        if (strategy.equals("merge")) {
            checkMergeConfigs(node);
        }
        List<String> matched = strategy.equals("append") || keys == null ? List.of() : keys;
        // append deletes and matches nothing: dbt does not read its predicates
        List<String> predicates = strategy.equals("append") ? List.of() : predicates(node);
        return new Build(sql, () -> apply(node, strategy, matched, predicates, sql));
    }

    /**
     * {@code incremental_predicates}: SQL conditions (a list, or one) that narrow which rows of the table the
     * strategy touches, as dbt applies them: {@code delete+insert} deletes only the matching rows that meet them too
     * (the table by its name), {@code merge} matches only rows that meet them ({@code DBT_INTERNAL_DEST} the table,
     * {@code DBT_INTERNAL_SOURCE} the new rows). Each is put in parentheses. The delete gives the table no alias:
     * a predicate names its columns bare, or the table by its relation.
     */
    private static List<String> predicates(BuildNode node) throws SQLException {
        try {
            return Yaml.strings(
                            node.config().others().get("incremental_predicates"),
                            node.file() + " incremental_predicates")
                    .stream()
                    .filter(p -> !p.isBlank())
                    .map(p -> "(" + p.strip() + "\n)") // a predicate may end in a -- comment
                    .toList();
        } catch (ConfigurationException e) {
            throw new SQLException(
                    e.getMessage() + " Give SQL conditions, e.g. incremental_predicates=[\"day >"
                            + " current_date - 7\"].",
                    e);
        }
    }

    /** dbt-duckdb's {@code merge} configs beyond dbt's: refused, never ignored. */
    private static final List<String> MERGE_CONFIGS_REFUSED = List.of(
            "merge_clauses",
            "merge_on_using_columns",
            "merge_update_condition",
            "merge_insert_condition",
            "merge_update_set_expressions",
            "merge_returning_columns");

    /** Fails the model, as dbt-duckdb's merge validation fails it, on configs the engine does not act on. */
    private static void checkMergeConfigs(BuildNode node) throws SQLException {
        Map<String, Object> others = node.config().others();
        for (String key : MERGE_CONFIGS_REFUSED) {
            if (others.get(key) != null) {
                throw new SQLException(node.file() + ": config '" + key + "' is not supported by the embedded engine's"
                        + " merge strategy (it takes unique_key, merge_update_columns and merge_exclude_columns). Remove"
                        + " it, or run dbt itself (" + Setting.TRANSFORM_ENGINE.key() + "=dbt).");
            }
        }
        if (others.get("merge_update_columns") != null && others.get("merge_exclude_columns") != null) {
            // dbt's get_merge_update_columns says the same
            throw new SQLException(node.file() + ": a model cannot specify both merge_update_columns and"
                    + " merge_exclude_columns. Keep one.");
        }
    }

    /** dbt-duckdb's strategies: {@code merge} needs DuckDB 1.4's {@code MERGE INTO}. */
    private static final java.util.Set<String> STRATEGIES = java.util.Set.of("append", "delete+insert", "merge");

    private long apply(BuildNode node, String strategy, List<String> keys, List<String> predicates, String sql)
            throws SQLException {
        String relation = node.relation().sql();
        // A short name whatever the model's (identifiers stop at 63 characters): the relation's hash.
        String temp = Sql.identifier(
                "__dbt_tmp_" + Integer.toHexString(node.relation().sql().hashCode() & 0x7fffffff));
        database.execute("CREATE OR REPLACE TEMP TABLE " + temp + " AS\n" + sql);
        try {
            // Schema changes, delete and insert together or not at all: a failure must not lose rows.
            return database.inTransaction(() -> {
                List<String> columns = syncColumns(node, temp);
                if (strategy.equals("merge")) {
                    return database.execute(mergeSql(node, keys, predicates, columns, temp));
                }
                if (!keys.isEmpty()) {
                    String match = String.join(
                            " AND ",
                            keys.stream()
                                    .map(k -> relation + "." + key(node, k) + " = " + temp + "." + key(node, k))
                                    .toList());
                    database.execute(
                            "DELETE FROM " + relation + " WHERE EXISTS (SELECT 1 FROM " + temp + " WHERE " + match + ")"
                                    + predicates.stream().map(p -> " AND " + p).collect(Collectors.joining()));
                }
                String list =
                        columns.stream().map(IncrementalMaterializer::column).collect(Collectors.joining(", "));
                return database.execute("INSERT INTO " + relation + " (" + list + ") SELECT " + list + " FROM " + temp);
            });
        } finally {
            database.execute("DROP TABLE IF EXISTS " + temp);
        }
    }

    /**
     * Applies {@code on_schema_change} to the table; returns the columns to insert. {@code ignore} (dbt's
     * default) inserts the table's columns, so new ones are left out and missing ones fail as in dbt.
     */
    private List<String> syncColumns(BuildNode node, String temp) throws SQLException {
        Map<String, String> target =
                database.columns(node.relation().schema(), node.relation().identifier());
        Map<String, String> source = new LinkedHashMap<>();
        for (Map<String, Object> row : database.rows("DESCRIBE " + temp, Integer.MAX_VALUE)) {
            source.put(String.valueOf(row.get("column_name")), String.valueOf(row.get("column_type")));
        }
        List<String> added =
                source.keySet().stream().filter(c -> !target.containsKey(c)).toList();
        List<String> removed =
                target.keySet().stream().filter(c -> !source.containsKey(c)).toList();
        List<String> retyped = source.keySet().stream()
                .filter(c -> target.containsKey(c) && !target.get(c).equals(source.get(c)))
                .toList();
        String policy = node.config().onSchemaChange() == null
                ? "ignore"
                : node.config().onSchemaChange();
        boolean changed = !added.isEmpty() || !removed.isEmpty() || !retyped.isEmpty();
        String relation = node.relation().sql();
        switch (policy) {
            case "fail" -> {
                if (changed) {
                    // An SQLException: like a failing query, it fails this model, not the whole run.
                    throw new SQLException(node.file() + ": the source and target schemas of this"
                            + " incremental model are out of sync (on_schema_change: fail): added " + added
                            + ", removed " + removed + ", type changed " + retyped + ". Run with --full-refresh"
                            + " (ecommerce.transform.fullRefresh), or set on_schema_change to append_new_columns or"
                            + " sync_all_columns.");
                }
                return new ArrayList<>(target.keySet());
            }
            case "append_new_columns", "sync_all_columns" -> {
                for (String column : added) {
                    database.execute(
                            "ALTER TABLE " + relation + " ADD COLUMN " + column(column) + " " + source.get(column));
                }
                if (policy.equals("sync_all_columns")) {
                    for (String column : removed) {
                        database.execute("ALTER TABLE " + relation + " DROP COLUMN " + column(column));
                    }
                    for (String column : retyped) {
                        database.execute("ALTER TABLE " + relation + " ALTER COLUMN " + column(column) + " TYPE "
                                + source.get(column));
                    }
                    return new ArrayList<>(source.keySet());
                }
                List<String> columns = new ArrayList<>(target.keySet());
                columns.retainAll(source.keySet());
                columns.addAll(added);
                return columns;
            }
            default -> {
                return new ArrayList<>(target.keySet());
            }
        }
    }

    /**
     * dbt's {@code get_merge_sql} on DuckDB: rows matching on the unique key are updated (the columns of
     * {@code merge_update_columns}, else all but {@code merge_exclude_columns}), the others inserted; without a
     * unique key nothing matches and every row is inserted. The {@code incremental_predicates} come first in the
     * match, as in dbt.
     */
    private static String mergeSql(
            BuildNode node, List<String> keys, List<String> predicates, List<String> columns, String temp) {
        String dest = "\"DBT_INTERNAL_DEST\"";
        String source = "\"DBT_INTERNAL_SOURCE\"";
        List<String> conditions = new ArrayList<>(predicates);
        keys.forEach(k -> conditions.add("(" + source + "." + key(node, k) + " = " + dest + "." + key(node, k) + ")"));
        if (keys.isEmpty()) {
            conditions.add("FALSE");
        }
        String on = String.join(" AND ", conditions);
        List<String> updated = updateColumns(node, columns);
        StringBuilder sql = new StringBuilder("MERGE INTO ")
                .append(node.relation().sql())
                .append(" AS ")
                .append(dest)
                .append("\nUSING ")
                .append(temp)
                .append(" AS ")
                .append(source)
                .append("\nON ")
                .append(on);
        if (!keys.isEmpty() && !updated.isEmpty()) {
            sql.append("\nWHEN MATCHED THEN UPDATE SET ")
                    .append(updated.stream()
                            .map(c -> column(c) + " = " + source + "." + column(c))
                            .collect(Collectors.joining(", ")));
        }
        return sql.append("\nWHEN NOT MATCHED THEN INSERT (")
                .append(columns.stream().map(IncrementalMaterializer::column).collect(Collectors.joining(", ")))
                .append(") VALUES (")
                .append(columns.stream().map(c -> source + "." + column(c)).collect(Collectors.joining(", ")))
                .append(")")
                .toString();
    }

    /**
     * dbt's {@code get_merge_update_columns}: {@code merge_update_columns} as given, else the columns but those in
     * {@code merge_exclude_columns} (compared without case).
     */
    private static List<String> updateColumns(BuildNode node, List<String> columns) {
        Object only = node.config().others().get("merge_update_columns");
        if (only != null) {
            return Yaml.strings(only, node.file() + " merge_update_columns");
        }
        Object excluded = node.config().others().get("merge_exclude_columns");
        if (excluded == null) {
            return columns;
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        Yaml.strings(excluded, node.file() + " merge_exclude_columns")
                .forEach(c -> out.add(c.toLowerCase(java.util.Locale.ROOT)));
        return columns.stream()
                .filter(c -> !out.contains(c.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** A column as DuckDB named it (any case, any character): quoted, quotes doubled. */
    private static String column(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
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
