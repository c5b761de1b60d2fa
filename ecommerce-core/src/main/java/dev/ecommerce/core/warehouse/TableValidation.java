package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What validation already checked of a table, kept in the warehouse (the {@value Warehouse#VALIDATION_TABLE}
 * table) and changed only in the transactions that change the rows or their verdicts: a load marks rows pending,
 * a validation records its verdicts and clears what it checked. No row for a table means the whole table is
 * pending (never validated, or loaded whole since).
 *
 * @param pendingFrom rows with {@code created_at} at or after it were loaded since the last validation; null when
 *     nothing is pending
 * @param contracts the fingerprint of the contracts the last validation checked against
 * @param onInvalid the policy of the last validation ({@code quarantine}, {@code warn}, {@code fail})
 * @param runId the run of the last validation
 * @param validatedAt when the last validation committed
 */
public record TableValidation(
        Instant pendingFrom, String contracts, String onInvalid, String runId, Instant validatedAt) {

    /**
     * What a validation checked, recorded with its verdicts in one transaction.
     *
     * @param since the rows it checked: {@code created_at} at or after this; null for the whole table
     * @param contracts the fingerprint of the contracts it checked against
     * @param onInvalid its policy
     * @param runId its run
     */
    public record Checked(Instant since, String contracts, String onInvalid, String runId) {

        /** The rows it checked, as a condition on a table alias ({@code t.}), or {@code true} for all. */
        String condition(Table table, String alias) {
            return since == null || !hasCreatedAt(table)
                    ? "true"
                    : alias + "." + Sql.identifier(CREATED_AT) + " >= " + Sql.timestamp(since);
        }
    }

    static final String CREATED_AT = "created_at";

    private static final String DDL = "CREATE TABLE IF NOT EXISTS " + Sql.identifier(Warehouse.VALIDATION_TABLE)
            + " (table_name VARCHAR PRIMARY KEY, pending_from TIMESTAMPTZ, contracts VARCHAR, on_invalid VARCHAR,"
            + " run_id VARCHAR, validated_at TIMESTAMPTZ)";

    /** True when the table has the column windows and pending rows are counted by. */
    public static boolean hasCreatedAt(Table table) {
        return table.columns().stream().anyMatch(c -> c.name().equals(CREATED_AT));
    }

    /**
     * Marks loaded rows pending, inside a load's transaction: a table loaded whole loses its record (all of it is
     * pending), a window load moves {@code pending_from} back to the window when it began earlier. A window over
     * another column than {@code created_at} makes the whole table pending: its rows are not a range of creation.
     *
     * @param windowLoad true for a table whose window replaces part of it (false: replaced whole)
     */
    static void loaded(
            Statement statement,
            Collection<Table> tables,
            Map<Table, dev.ecommerce.core.schema.Window> windows,
            Predicate<Table> windowLoad)
            throws SQLException {
        statement.execute(DDL);
        String state = Sql.identifier(Warehouse.VALIDATION_TABLE);
        for (Table table : tables) {
            String where = " WHERE table_name = " + Sql.literal(table.sqlName());
            dev.ecommerce.core.schema.Window window = windows.get(table);
            if (window != null && window.column().equals(CREATED_AT) && windowLoad.test(table)) {
                String since = Sql.timestamp(window.from());
                statement.execute("UPDATE " + state + " SET pending_from = CASE WHEN pending_from IS NULL OR"
                        + " pending_from > " + since + " THEN " + since + " ELSE pending_from END" + where);
            } else {
                statement.execute("DELETE FROM " + state + where);
            }
        }
    }

    /** Records a validation's check, inside the transaction that records its verdicts: nothing is pending. */
    static void validated(Statement statement, Table table, Checked checked) throws SQLException {
        statement.execute(DDL);
        String state = Sql.identifier(Warehouse.VALIDATION_TABLE);
        statement.execute("DELETE FROM " + state + " WHERE table_name = " + Sql.literal(table.sqlName()));
        try (PreparedStatement insert = statement
                .getConnection()
                .prepareStatement("INSERT INTO " + state + " VALUES (?, NULL, ?, ?, ?, now())")) {
            insert.setString(1, table.sqlName());
            insert.setString(2, checked.contracts());
            insert.setString(3, checked.onInvalid());
            insert.setString(4, checked.runId());
            insert.executeUpdate();
        }
    }

    /** The table's record, empty when it has none (or the warehouse has no validation state yet). */
    static Optional<TableValidation> read(Statement statement, Table table) throws SQLException {
        try (ResultSet exists =
                statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
                        + " AND table_name = " + Sql.literal(Warehouse.VALIDATION_TABLE))) {
            exists.next();
            if (exists.getLong(1) == 0) {
                return Optional.empty();
            }
        }
        try (ResultSet rs = statement.executeQuery("SELECT epoch_us(pending_from), contracts, on_invalid, run_id,"
                + " epoch_us(validated_at) FROM " + Sql.identifier(Warehouse.VALIDATION_TABLE)
                + " WHERE table_name = " + Sql.literal(table.sqlName()))) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new TableValidation(
                    micros(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), micros(rs, 5)));
        }
    }

    private static Instant micros(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
