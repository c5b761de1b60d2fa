package dev.ecommerce.core.contract.tablecheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TableChecks;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Sql;
import dev.ecommerce.core.warehouse.TableBaseline;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.TableValidation;
import dev.ecommerce.core.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the checks on whole tables over the warehouse and says what each table looks like now (its baseline for the
 * next run). A baseline keeps the previous row count when the volume check failed and the previous columns when the
 * schema check failed (under {@code freeze}), so a refused change is refused again until it is fixed or accepted.
 *
 * <pre>{@code
 * TableChecker.Outcome outcome = TableChecker.run(warehouse, tables, TableChecks.DEFAULTS, Instant.now(), runId);
 * warehouse.recordBaselines(outcome.baselines());
 * }</pre>
 */
public final class TableChecker {

    /** Offending keys listed per key or reference check. */
    static final int EXAMPLES = 5;

    private static final String CREATED_AT = "created_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A reference between thelook's tables: {@code child.column} holds a key of {@code parent} (null aside).
     *
     * @param child the referring table
     * @param column its column
     * @param parent the referred table, by its primary key
     */
    record Reference(Table child, String column, Table parent) {

        /** {@code order_items.order_id -> orders.order_id}. */
        String subject() {
            return child.sqlName() + "." + column + " -> " + parent.sqlName() + "." + parent.key();
        }
    }

    /** thelook's foreign keys; events of anonymous sessions have no user. */
    static final List<Reference> REFERENCES = List.of(
            new Reference(Table.PRODUCTS, "distribution_center_id", Table.DISTRIBUTION_CENTERS),
            new Reference(Table.ORDERS, "user_id", Table.USERS),
            new Reference(Table.ORDER_ITEMS, "order_id", Table.ORDERS),
            new Reference(Table.ORDER_ITEMS, "user_id", Table.USERS),
            new Reference(Table.ORDER_ITEMS, "product_id", Table.PRODUCTS),
            new Reference(Table.ORDER_ITEMS, "inventory_item_id", Table.INVENTORY_ITEMS),
            new Reference(Table.INVENTORY_ITEMS, "product_id", Table.PRODUCTS),
            new Reference(Table.EVENTS, "user_id", Table.USERS));

    /**
     * What the checks found and the tables' new baselines.
     *
     * @param results per table, the checks in the order freshness, volume, schema, primary key, foreign keys
     * @param baselines what to record for the next run, one per table checked
     */
    public record Outcome(List<TableCheckResult> results, List<TableBaseline> baselines) {

        public Outcome {
            results = List.copyOf(results);
            baselines = List.copyOf(baselines);
        }
    }

    private TableChecker() {}

    /**
     * Checks the tables.
     *
     * @param now the run's time: freshness is measured from it, or from the anchor date of generated tables
     * @param runId the run, recorded with the baselines
     */
    public static Outcome run(Warehouse warehouse, List<Table> tables, TableChecks checks, Instant now, String runId) {
        Map<Table, TableBaseline> previous = warehouse.baselines();
        Map<Table, TableOrigin> origins = warehouse.origins();
        List<TableCheckResult> results = new ArrayList<>();
        List<TableBaseline> baselines = new ArrayList<>();
        for (Table table : tables) {
            long rows = warehouse.rowCount(table);
            Map<String, String> columns = warehouse.columns(table);
            TableBaseline before = previous.get(table);
            boolean keepRows = false;
            boolean keepColumns = false;
            if (checks.freshness() != null && TableValidation.hasCreatedAt(table) && columns.containsKey(CREATED_AT)) {
                results.add(freshness(warehouse, table, checks.freshness(), reference(origins.get(table), now)));
            }
            if (checks.volume() != null) {
                TableCheckResult volume = volume(table, checks.volume(), rows, before);
                keepRows = volume.failed() && before != null;
                results.add(volume);
            }
            if (checks.schema() != null) {
                TableCheckResult schema = schema(table, checks.schema(), columns, before);
                keepColumns = schema.failed() && before != null;
                results.add(schema);
            }
            if (checks.primaryKeys() != null && columns.containsKey(table.key())) {
                results.add(primaryKey(warehouse, table, checks.primaryKeys()));
            }
            if (checks.foreignKeys() != null) {
                for (Reference reference : REFERENCES) {
                    if (reference.child() == table
                            && columns.containsKey(reference.column())
                            && warehouse.exists(reference.parent())) {
                        results.add(foreignKey(warehouse, reference, checks.foreignKeys()));
                    }
                }
            }
            baselines.add(new TableBaseline(
                    table, keepRows ? before.rows() : rows, keepColumns ? before.columns() : columns, runId));
        }
        return new Outcome(results, baselines);
    }

    /** Fails the build when a {@code fail} check found something, naming the table, the check and the setting. */
    public static void failIfNeeded(List<TableCheckResult> results, Path report) {
        List<TableCheckResult> failed =
                results.stream().filter(TableCheckResult::failed).toList();
        if (failed.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Table checks failed:");
        for (TableCheckResult result : failed) {
            message.append(String.format(Locale.ROOT, "%n  %s: %s", result.name(), result.observed()));
            if (!result.examples().isEmpty()) {
                message.append(", e.g. ").append(String.join(", ", result.examples()));
            }
            message.append(". ").append(remedy(result));
        }
        message.append(String.format(Locale.ROOT, "%nSee %s.", report));
        throw new DataException(message.toString());
    }

    /** What to change for a failed check, naming the setting. */
    static String remedy(TableCheckResult result) {
        return switch (result.check()) {
            case "freshness" ->
                "Load newer data, or set " + Setting.TABLE_CHECKS.set("freshness: maxAge=<longer>")
                        + " or severity=warn";
            case "volume" ->
                result.observed().startsWith("no rows")
                        ? "Load the table, or set " + Setting.TABLE_CHECKS.set("volume: off")
                        : "Check the load, or set " + Setting.TABLE_CHECKS.set("volume: maxChange=<larger>%")
                                + " or severity=warn";
            case "schema" ->
                "Restore the columns, or set " + Setting.TABLE_CHECKS.set("schema: policy=evolve") + " to accept them";
            case "primaryKey" ->
                "Remove the duplicates at the source, or set " + Setting.TABLE_CHECKS.set("primaryKeys: severity=warn");
            default -> "Load the referenced rows, or set " + Setting.TABLE_CHECKS.set("foreignKeys: severity=warn");
        };
    }

    /** The generator's anchor date (midnight UTC) for generated tables: their data is seeded, not live. */
    static Instant reference(TableOrigin origin, Instant now) {
        if (origin == null || !"generated".equals(origin.source()) || origin.fingerprint() == null) {
            return now;
        }
        try {
            String anchor =
                    JSON.readTree(origin.fingerprint()).path("anchorDate").asText("");
            return anchor.isEmpty()
                    ? now
                    : LocalDate.parse(anchor).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (IOException | RuntimeException e) {
            return now;
        }
    }

    private static TableCheckResult freshness(
            Warehouse warehouse, Table table, TableChecks.Freshness freshness, Instant reference) {
        Instant newest = warehouse.query(
                "SELECT epoch_us(max(" + Sql.identifier(CREATED_AT) + ")) FROM " + Sql.identifier(table.sqlName()),
                rs -> {
                    rs.next();
                    long micros = rs.getLong(1);
                    return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
                });
        String limit = "at most " + duration(freshness.maxAge());
        if (newest == null) {
            String observed = "no rows (" + limit + " before " + reference + ")";
            return result("freshness", table, CREATED_AT, true, freshness.severity(), observed, 0, List.of());
        }
        Duration age = Duration.between(newest, reference);
        boolean stale = age.compareTo(freshness.maxAge()) > 0;
        String observed = "newest " + newest + ", " + (age.isNegative() ? "after " : duration(age) + " before ")
                + reference + " (" + limit + ")";
        return result("freshness", table, CREATED_AT, stale, freshness.severity(), observed, 0, List.of());
    }

    private static TableCheckResult volume(Table table, TableChecks.Volume volume, long rows, TableBaseline before) {
        if (rows == 0) {
            String observed = before == null || before.rows() == 0
                    ? "no rows"
                    : String.format(Locale.ROOT, "no rows (%,d at run %s)", before.rows(), before.runId());
            return result("volume", table, "rows", true, TableChecks.Severity.FAIL, observed, 0, List.of());
        }
        if (before == null || before.rows() == 0) {
            String observed = String.format(Locale.ROOT, "%,d rows, no earlier count", rows);
            return result("volume", table, "rows", false, volume.severity(), observed, 0, List.of());
        }
        double change = 100.0 * (rows - before.rows()) / before.rows();
        String observed = String.format(
                Locale.ROOT,
                "%,d rows, %+.1f%% since %,d at run %s (at most %s%%)",
                rows,
                change,
                before.rows(),
                before.runId(),
                new java.math.BigDecimal(Double.toString(volume.maxChangePercent()))
                        .stripTrailingZeros()
                        .toPlainString());
        return result(
                "volume",
                table,
                "rows",
                Math.abs(change) > volume.maxChangePercent(),
                volume.severity(),
                observed,
                0,
                List.of());
    }

    private static TableCheckResult schema(
            Table table, TableChecks.SchemaDrift drift, Map<String, String> columns, TableBaseline before) {
        if (before == null) {
            String observed = columns.size() + " columns, no earlier schema";
            return result("schema", table, "columns", false, drift.severity(), observed, 0, List.of());
        }
        List<String> changes = new ArrayList<>();
        Map<String, String> old = new LinkedHashMap<>(before.columns());
        columns.forEach((name, type) -> {
            String was = old.remove(name);
            if (was == null) {
                changes.add("added " + name + " " + type);
            } else if (!Objects.equals(was, type)) {
                changes.add("retyped " + name + " " + was + " -> " + type);
            }
        });
        old.forEach((name, type) -> changes.add("removed " + name + " " + type));
        String observed = changes.isEmpty()
                ? columns.size() + " columns, as at run " + before.runId()
                : String.join(", ", changes) + " since run " + before.runId() + " (policy "
                        + drift.policy().name().toLowerCase(Locale.ROOT) + ")";
        return result("schema", table, "columns", !changes.isEmpty(), drift.severity(), observed, 0, List.of());
    }

    private static TableCheckResult primaryKey(Warehouse warehouse, Table table, TableChecks.Severity severity) {
        String key = Sql.identifier(table.key());
        String duplicates = "SELECT " + key + " AS k, count(*) AS c FROM " + Sql.identifier(table.sqlName()) + " WHERE "
                + key + " IS NOT NULL GROUP BY " + key + " HAVING count(*) > 1";
        long[] counts = warehouse.query("SELECT count(*), coalesce(sum(c), 0) FROM (" + duplicates + ")", rs -> {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        });
        List<String> examples = counts[0] == 0
                ? List.of()
                : warehouse.query(duplicates + " ORDER BY k LIMIT " + EXAMPLES, rs -> {
                    List<String> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(rs.getString(1) + " (" + rs.getLong(2) + " rows)");
                    }
                    return keys;
                });
        String observed =
                counts[0] == 0 ? "unique" : String.format(Locale.ROOT, "%,d rows share %,d keys", counts[1], counts[0]);
        return result("primaryKey", table, table.key(), counts[0] > 0, severity, observed, counts[1], examples);
    }

    private static TableCheckResult foreignKey(
            Warehouse warehouse, Reference reference, TableChecks.Severity severity) {
        Table child = reference.child();
        String column = Sql.identifier(reference.column());
        String orphans = " FROM " + Sql.identifier(child.sqlName()) + " c WHERE c." + column
                + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                + Sql.identifier(reference.parent().sqlName())
                + " p WHERE p." + Sql.identifier(reference.parent().key()) + " = c." + column + ")";
        long count = warehouse.query("SELECT count(*)" + orphans, rs -> {
            rs.next();
            return rs.getLong(1);
        });
        List<String> examples = count == 0
                ? List.of()
                : warehouse.query(
                        "SELECT c." + Sql.identifier(child.key()) + ", c." + column + orphans + " ORDER BY 1 LIMIT "
                                + EXAMPLES,
                        rs -> {
                            List<String> rows = new ArrayList<>();
                            while (rs.next()) {
                                rows.add(child.sqlName() + " " + rs.getString(1) + " -> " + rs.getString(2));
                            }
                            return rows;
                        });
        String observed = count == 0
                ? "every reference resolves"
                : String.format(
                        Locale.ROOT,
                        "%,d rows refer to no %s row",
                        count,
                        reference.parent().sqlName());
        return result("foreignKey", child, reference.subject(), count > 0, severity, observed, count, examples);
    }

    private static TableCheckResult result(
            String check,
            Table table,
            String subject,
            boolean found,
            TableChecks.Severity severity,
            String observed,
            long offending,
            List<String> examples) {
        String status = !found
                ? TableCheckResult.PASS
                : severity == TableChecks.Severity.FAIL ? TableCheckResult.FAIL : TableCheckResult.WARN;
        return new TableCheckResult(
                check, table.sqlName(), subject, status, severity.label(), observed, offending, examples);
    }

    /** {@code 2d 3h}, {@code 36m}: days, hours and minutes, the largest first. */
    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        StringBuilder text = new StringBuilder();
        if (minutes >= 1440) {
            text.append(minutes / 1440).append('d');
        }
        if (minutes % 1440 >= 60) {
            text.append(text.length() > 0 ? " " : "")
                    .append(minutes % 1440 / 60)
                    .append('h');
        }
        if (minutes % 60 > 0 || text.length() == 0) {
            text.append(text.length() > 0 ? " " : "").append(minutes % 60).append('m');
        }
        return text.toString();
    }
}
