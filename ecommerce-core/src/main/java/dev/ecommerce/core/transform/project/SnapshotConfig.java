package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's configs as dbt's snapshot materialization reads them, checked: the strategy and what it
 * compares, the unique key, how hard deletes are recorded, the names of the meta columns and where the
 * snapshot is written. Read from a snapshot's merged {@link NodeConfig}; anything the embedded engine cannot
 * honour is a {@link ConfigurationException} naming the file.
 *
 * @param uniqueKey SQL expressions (one column, several, or an expression), as dbt uses them
 * @param updatedAt the {@code timestamp} strategy's column, or the {@code check} strategy's optional one; null
 *     when the check strategy uses the snapshot's time
 * @param checkCols the {@code check} strategy's columns; null for {@code 'all'} (and for {@code timestamp})
 * @param validToCurrent {@code dbt_valid_to_current}: the SQL expression current rows carry in
 *     {@code dbt_valid_to}, or null for NULL
 * @param targetSchema the legacy {@code target_schema}, used as given; null when the schema is named as a
 *     model's is
 * @param targetDatabase the legacy {@code target_database}, or null
 */
public record SnapshotConfig(
        Strategy strategy,
        List<String> uniqueKey,
        String updatedAt,
        List<String> checkCols,
        HardDeletes hardDeletes,
        MetaColumns columns,
        String validToCurrent,
        String targetSchema,
        String targetDatabase) {

    /** dbt's built-in snapshot strategies. */
    public enum Strategy {
        /** A row changed when its {@code updated_at} is later than the snapshot's {@code dbt_valid_from}. */
        TIMESTAMP,
        /** A row changed when one of its {@code check_cols} differs. */
        CHECK
    }

    /** What a snapshot does with a row that left its source ({@code hard_deletes}). */
    public enum HardDeletes {
        IGNORE,
        /** Closes the row: {@code dbt_valid_to} is the snapshot's time. */
        INVALIDATE,
        /** Closes the row and adds a row marked {@code dbt_is_deleted = 'True'}. */
        NEW_RECORD
    }

    /** The meta columns' names ({@code snapshot_meta_column_names}), dbt's by default. */
    public record MetaColumns(String scdId, String updatedAt, String validFrom, String validTo, String isDeleted) {

        public static final MetaColumns DEFAULT =
                new MetaColumns("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted");

        static MetaColumns of(Map<String, Object> names, String where) {
            Yaml.onlyKeys(
                    names,
                    Set.of("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted"),
                    where + " snapshot_meta_column_names");
            return new MetaColumns(
                    name(names, "dbt_scd_id", DEFAULT.scdId),
                    name(names, "dbt_updated_at", DEFAULT.updatedAt),
                    name(names, "dbt_valid_from", DEFAULT.validFrom),
                    name(names, "dbt_valid_to", DEFAULT.validTo),
                    name(names, "dbt_is_deleted", DEFAULT.isDeleted));
        }

        private static String name(Map<String, Object> names, String key, String fallback) {
            Object value = names.get(key);
            return value == null ? fallback : String.valueOf(value);
        }

        /** Fails naming {@code where} unless every name is a plain lower-case SQL name. */
        private MetaColumns checked(String where) {
            for (String name : List.of(scdId, updatedAt, validFrom, validTo, isDeleted)) {
                if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
                    throw new ConfigurationException(where + ": snapshot_meta_column_names must be lower-case SQL"
                            + " names (letters, digits, _), not '" + name + "'.");
                }
            }
            return this;
        }
    }

    /** Reads and checks the snapshot configs of {@code config}; {@code where} names the file. */
    public static SnapshotConfig of(NodeConfig config, String where) {
        Map<String, Object> raw = config.others();
        String strategyName = text(raw.get("strategy"));
        if (strategyName == null) {
            throw new ConfigurationException(where + ": a snapshot needs a strategy: config(strategy='timestamp',"
                    + " updated_at='...') or config(strategy='check', check_cols=[...]).");
        }
        Strategy strategy;
        try {
            strategy = Strategy.valueOf(strategyName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": snapshot strategy '" + strategyName + "' is not supported by"
                    + " the embedded engine (supported: timestamp, check). Use one of those, or run with "
                    + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
        }
        List<String> uniqueKey = config.uniqueKey();
        if (uniqueKey == null || uniqueKey.isEmpty() || uniqueKey.stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(
                    where + ": a snapshot needs a unique_key (a column, a list of columns" + " or an expression).");
        }
        String updatedAt = text(raw.get("updated_at"));
        List<String> checkCols = null;
        if (strategy == Strategy.TIMESTAMP && updatedAt == null) {
            throw new ConfigurationException(
                    where + ": the timestamp strategy needs updated_at, the column that tells when a row changed.");
        }
        if (strategy == Strategy.CHECK) {
            Object cols = raw.get("check_cols");
            if (cols == null) {
                throw new ConfigurationException(
                        where + ": the check strategy needs check_cols: 'all' or a list of columns.");
            }
            if (!"all".equals(cols)) {
                checkCols = Yaml.strings(cols, where + " check_cols");
                if (checkCols.isEmpty()) {
                    throw new ConfigurationException(where + ": check_cols must be 'all' or a list of columns.");
                }
            }
        }
        Object names = raw.get("snapshot_meta_column_names");
        return new SnapshotConfig(
                strategy,
                uniqueKey,
                updatedAt,
                checkCols,
                hardDeletes(raw, where),
                names == null
                        ? MetaColumns.DEFAULT
                        : MetaColumns.of(Yaml.map(names, where), where).checked(where),
                text(raw.get("dbt_valid_to_current")),
                text(raw.get("target_schema")),
                text(raw.get("target_database")));
    }

    /** dbt's rule: {@code invalidate_hard_deletes} (legacy) or {@code hard_deletes}, never both. */
    private static HardDeletes hardDeletes(Map<String, Object> raw, String where) {
        Object legacy = raw.get("invalidate_hard_deletes");
        String hardDeletes = text(raw.get("hard_deletes"));
        if (legacy != null && hardDeletes != null) {
            throw new ConfigurationException(where + ": a snapshot cannot set both invalidate_hard_deletes and"
                    + " hard_deletes; keep hard_deletes.");
        }
        if (legacy != null) {
            return Boolean.parseBoolean(String.valueOf(legacy)) ? HardDeletes.INVALIDATE : HardDeletes.IGNORE;
        }
        if (hardDeletes == null) {
            return HardDeletes.IGNORE;
        }
        return switch (hardDeletes) {
            case "ignore" -> HardDeletes.IGNORE;
            case "invalidate" -> HardDeletes.INVALIDATE;
            case "new_record" -> HardDeletes.NEW_RECORD;
            default ->
                throw new ConfigurationException(where + ": hard_deletes must be ignore, invalidate or"
                        + " new_record, not '" + hardDeletes + "'.");
        };
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
