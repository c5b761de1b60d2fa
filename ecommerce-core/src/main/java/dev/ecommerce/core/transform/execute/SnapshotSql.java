package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.transform.project.SnapshotConfig;
import dev.ecommerce.core.transform.project.SnapshotConfig.HardDeletes;
import dev.ecommerce.core.transform.project.SnapshotConfig.MetaColumns;
import dev.ecommerce.core.transform.project.SnapshotConfig.Strategy;
import dev.ecommerce.core.warehouse.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of dbt's snapshot materialization, as dbt's global snapshot macros and dbt-duckdb's merge write it:
 * the first build ({@code build_snapshot_table}), the staging query of later runs
 * ({@code snapshot_staging_table}: insertions, updates, deletes and deletion records) and the merge of the
 * staging table into the snapshot (dbt-duckdb's {@code snapshot_merge_sql}: an update, then an insert). The
 * unique key, {@code updated_at} and {@code dbt_valid_to_current} are SQL expressions of the project, as in
 * dbt; the meta columns are quoted names.
 *
 * @param config the snapshot's checked configs
 * @param sql the snapshot's compiled SQL
 * @param target the snapshot relation's SQL name
 */
record SnapshotSql(SnapshotConfig config, String sql, String target) {

    /** dbt-duckdb's {@code snapshot_get_time()}. */
    static final String NOW = "now()::timestamp";
    /** The staging table's column that says what a row does: {@code insert}, {@code update} or {@code delete}. */
    static final String CHANGE_TYPE = "dbt_change_type";
    /** The staging table's unique key columns: {@code dbt_unique_key_1}, ... (never go into the snapshot). */
    static final String KEY_PREFIX = "dbt_unique_key_";

    private MetaColumns columns() {
        return config.columns();
    }

    /** {@code updated_at}, or for the check strategy without one, the snapshot's time. */
    String updatedAt() {
        return config.updatedAt() != null ? config.updatedAt() : NOW;
    }

    /** {@code snapshot_hash_arguments}: md5 of the values as text, {@code |}-separated. */
    static String hash(List<String> args) {
        return "md5("
                + args.stream()
                        .map(a -> "coalesce(cast(" + a + " as varchar), '')")
                        .collect(Collectors.joining(" || '|' || "))
                + ")";
    }

    private String scdId() {
        List<String> args = new ArrayList<>(config.uniqueKey());
        args.add(updatedAt());
        return hash(args);
    }

    /** {@code get_dbt_valid_to_current}: NULL (or {@code dbt_valid_to_current}) typed as {@code updated_at}. */
    private String validToCurrent() {
        String current = config.validToCurrent() == null ? "null" : config.validToCurrent();
        return "coalesce(nullif(" + updatedAt() + ", " + updatedAt() + "), " + current + ") as "
                + q(columns().validTo());
    }

    /** The first run's query: the snapshot's rows, each valid from its {@code updated_at}. */
    String build() {
        return "select *,\n    " + scdId() + " as " + q(columns().scdId()) + ",\n    " + updatedAt() + " as "
                + q(columns().updatedAt()) + ",\n    " + updatedAt() + " as "
                + q(columns().validFrom()) + ",\n    "
                + validToCurrent()
                + (config.hardDeletes() == HardDeletes.NEW_RECORD
                        ? ",\n    'False' as " + q(columns().isDeleted())
                        : "")
                + "\nfrom (\n" + sql + "\n) sbq";
    }

    /** {@code dbt_valid_to} (of {@code alias}, or unqualified when null) marks a current row. */
    private String isCurrent(String alias) {
        String validTo = (alias == null ? "" : alias + ".") + q(columns().validTo());
        return config.validToCurrent() == null
                ? validTo + " is null"
                : "(" + validTo + " = " + config.validToCurrent() + " or " + validTo + " is null)";
    }

    private String keyFields() {
        return IntStream.range(0, config.uniqueKey().size())
                .mapToObj(i -> config.uniqueKey().get(i) + " as " + KEY_PREFIX + (i + 1))
                .collect(Collectors.joining(", "));
    }

    private String keyJoin(String left, String right) {
        return IntStream.rangeClosed(1, config.uniqueKey().size())
                .mapToObj(i -> left + "." + KEY_PREFIX + i + " = " + right + "." + KEY_PREFIX + i)
                .collect(Collectors.joining(" and "));
    }

    /**
     * The strategy's {@code row_changed}: for {@code timestamp}, {@code updated_at} later than
     * {@code dbt_valid_from}; for {@code check}, one of {@code checkCols} differs (NULLs compared as values).
     *
     * @param checkCols the check strategy's quoted columns present in the snapshot
     * @param columnAdded the check strategy compares columns the snapshot does not have yet: every row changed
     */
    String rowChanged(List<String> checkCols, boolean columnAdded) {
        if (config.strategy() == Strategy.TIMESTAMP) {
            return "(snapshotted_data." + q(columns().validFrom()) + " < source_data." + config.updatedAt() + ")";
        }
        if (columnAdded) {
            return "(TRUE)";
        }
        return "("
                + checkCols.stream()
                        .map(c -> {
                            String s = "snapshotted_data." + c;
                            String n = "source_data." + c;
                            return s + " != " + n + " or ((" + s + " is null) and not (" + n + " is null)) or ((not "
                                    + s + " is null) and (" + n + " is null))";
                        })
                        .collect(Collectors.joining(" or "))
                + ")";
    }

    /**
     * A later run's staging query: one row per change, {@code dbt_change_type} {@code insert}, {@code update}
     * (closes a version) or {@code delete} (closes a deleted row).
     *
     * @param rowChanged {@link #rowChanged}
     * @param sourceColumns the snapshot query's columns, quoted (for {@code new_record}'s deletion records)
     * @param targetColumns the snapshot table's column names
     */
    String staging(String rowChanged, List<String> sourceColumns, Set<String> targetColumns) {
        MetaColumns c = columns();
        HardDeletes hardDeletes = config.hardDeletes();
        boolean newRecord = hardDeletes == HardDeletes.NEW_RECORD;
        String changedOrDeleted =
                rowChanged + (newRecord ? " or snapshotted_data." + q(c.isDeleted()) + " = 'True'" : "");
        StringBuilder out = new StringBuilder();
        out.append("with snapshot_query as (\n").append(sql).append("\n),\n");
        out.append("snapshotted_data as (\n    select *, ")
                .append(keyFields())
                .append("\n    from ")
                .append(target)
                .append("\n    where ")
                .append(isCurrent(null))
                .append("\n),\n");
        out.append(sourceData(
                "insertions_source_data", validToCurrent() + ",\n        " + scdId() + " as " + q(c.scdId())));
        out.append(sourceData("updates_source_data", updatedAt() + " as " + q(c.validTo())));
        if (hardDeletes != HardDeletes.IGNORE) {
            out.append("deletes_source_data as (\n    select *, ")
                    .append(keyFields())
                    .append("\n    from snapshot_query\n),\n");
        }
        out.append("insertions as (\n    select 'insert' as " + CHANGE_TYPE + ", source_data.*")
                .append(newRecord ? ", 'False' as " + q(c.isDeleted()) : "")
                .append("\n    from insertions_source_data as source_data\n    left outer join snapshotted_data on ")
                .append(keyJoin("snapshotted_data", "source_data"))
                .append("\n    where snapshotted_data." + KEY_PREFIX + "1 is null\n        or (snapshotted_data.")
                .append(KEY_PREFIX + "1 is not null and (")
                .append(changedOrDeleted)
                .append("))\n),\n");
        out.append("updates as (\n    select 'update' as " + CHANGE_TYPE + ", source_data.*, snapshotted_data.")
                .append(q(c.scdId()))
                .append(newRecord ? ", snapshotted_data." + q(c.isDeleted()) : "")
                .append("\n    from updates_source_data as source_data\n    join snapshotted_data on ")
                .append(keyJoin("snapshotted_data", "source_data"))
                .append("\n    where (")
                .append(changedOrDeleted)
                .append(")\n)");
        String notAlreadyDeleted =
                "not (snapshotted_data." + q(c.isDeleted()) + " = 'True' and " + isCurrent("snapshotted_data") + ")";
        if (hardDeletes != HardDeletes.IGNORE) {
            out.append(",\ndeletes as (\n    select 'delete' as " + CHANGE_TYPE + ", source_data.*, ")
                    .append(NOW + " as " + q(c.updatedAt()) + ", ")
                    .append(NOW + " as " + q(c.validFrom()) + ", ")
                    .append(NOW + " as " + q(c.validTo()) + ", ")
                    .append("snapshotted_data." + q(c.scdId()))
                    .append(newRecord ? ", snapshotted_data." + q(c.isDeleted()) : "")
                    .append("\n    from snapshotted_data\n    left join deletes_source_data as source_data on ")
                    .append(keyJoin("snapshotted_data", "source_data"))
                    .append("\n    where source_data." + KEY_PREFIX + "1 is null")
                    .append(newRecord ? "\n        and " + notAlreadyDeleted : "")
                    .append("\n)");
        }
        if (newRecord) {
            String values = sourceColumns.stream()
                    .map(col -> (targetColumns.contains(unquoted(col)) ? "snapshotted_data." : "source_data.") + col)
                    .collect(Collectors.joining(", "));
            String keys = IntStream.rangeClosed(1, config.uniqueKey().size())
                    .mapToObj(i -> "snapshotted_data." + KEY_PREFIX + i + " as " + KEY_PREFIX + i)
                    .collect(Collectors.joining(", "));
            out.append(",\ndeletion_records as (\n    select 'insert' as " + CHANGE_TYPE + ", ")
                    .append(values)
                    .append(", ")
                    .append(keys)
                    .append(",\n        " + NOW + " as " + q(c.updatedAt()) + ", " + NOW + " as " + q(c.validFrom()))
                    .append(",\n        snapshotted_data." + q(c.validTo()) + " as " + q(c.validTo()))
                    .append(",\n        " + hash(List.of("snapshotted_data." + q(c.scdId()), NOW)) + " as ")
                    .append(q(c.scdId()))
                    .append(", 'True' as " + q(c.isDeleted()))
                    .append("\n    from snapshotted_data\n    left join deletes_source_data as source_data on ")
                    .append(keyJoin("snapshotted_data", "source_data"))
                    .append("\n    where source_data." + KEY_PREFIX + "1 is null\n        and ")
                    .append(notAlreadyDeleted)
                    .append("\n)");
        }
        out.append("\nselect * from insertions\nunion all\nselect * from updates");
        if (hardDeletes != HardDeletes.IGNORE) {
            out.append("\nunion all\nselect * from deletes");
        }
        if (newRecord) {
            out.append("\nunion all\nselect * from deletion_records");
        }
        return out.toString();
    }

    /**
     * A CTE of the snapshot query's rows with their keys and the meta columns a new version carries:
     * {@code dbt_updated_at} and {@code dbt_valid_from} are {@code updated_at}, then {@code rest}.
     */
    private String sourceData(String name, String rest) {
        return name + " as (\n    select *, " + keyFields() + ",\n        " + updatedAt() + " as "
                + q(columns().updatedAt()) + ",\n        " + updatedAt() + " as "
                + q(columns().validFrom())
                + ",\n        " + rest + "\n    from snapshot_query\n),\n";
    }

    /** Closes the versions the staging table updates or deletes: their {@code dbt_valid_to} is set. */
    String close(String staging) {
        String validTo = q(columns().validTo());
        String scdId = q(columns().scdId());
        return "update " + target + " as dbt_internal_target\nset " + validTo + " = dbt_internal_source." + validTo
                + "\nfrom " + staging + " as dbt_internal_source\nwhere dbt_internal_source." + scdId
                + "::text = dbt_internal_target." + scdId + "::text\n  and dbt_internal_source." + CHANGE_TYPE
                + " in ('update', 'delete')\n  and " + isCurrent("dbt_internal_target");
    }

    /** Adds the staging table's new versions ({@code insert}) to the snapshot. */
    String insert(String staging, List<String> insertColumns) {
        String columnList = String.join(", ", insertColumns);
        return "insert into " + target + " (" + columnList + ")\nselect " + columnList + "\nfrom " + staging
                + "\nwhere " + CHANGE_TYPE + " = 'insert'";
    }

    /** True for the staging table's own columns, which never go into the snapshot. */
    static boolean isStagingOnly(String column) {
        String lower = column.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(CHANGE_TYPE) || lower.equals("dbt_unique_key") || lower.startsWith(KEY_PREFIX);
    }

    static String q(String name) {
        return Sql.identifier(name);
    }

    private static String unquoted(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }
}
