package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB file warehouse. Tables are loaded into staging tables and swapped in together, in one
 * transaction, only after every row arrived: a re-run replaces, a failure leaves the previous tables.
 */
public final class Warehouse implements AutoCloseable {

    /** The table where each loaded table's {@link TableOrigin} is kept. */
    public static final String ORIGINS_TABLE = "_ecommerce_origins";

    /** The table where each table's {@link TableValidation} is kept. */
    public static final String VALIDATION_TABLE = "_ecommerce_validation";

    static final String STAGING_PREFIX = "__ingest_";

    private final Path file;
    private final DuckDbSettings settings;
    private final DuckDBConnection connection;

    private Warehouse(Path file, DuckDbSettings settings, DuckDBConnection connection) {
        this.file = file;
        this.settings = settings;
        this.connection = connection;
    }

    /** Opens (and creates) the warehouse for writing, with the default DuckDB settings. */
    public static Warehouse openForWrite(Path file) {
        return openForWrite(file, DuckDbSettings.DEFAULTS);
    }

    /** Opens (and creates) the warehouse for writing. */
    public static Warehouse openForWrite(Path file, DuckDbSettings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create the folder of the warehouse " + file, e);
        }
        return open(file, false, settings);
    }

    /** Opens an existing warehouse read-only, with the default DuckDB settings. */
    public static Warehouse openForRead(Path file) {
        return openForRead(file, DuckDbSettings.DEFAULTS);
    }

    /** Opens an existing warehouse read-only; fails with a hint when ingest has not run. */
    public static Warehouse openForRead(Path file, DuckDbSettings settings) {
        requireFile(file);
        return open(file, true, settings);
    }

    /** Opens an existing warehouse for changes, with the default DuckDB settings. */
    public static Warehouse openForUpdate(Path file) {
        return openForUpdate(file, DuckDbSettings.DEFAULTS);
    }

    /** Opens an existing warehouse for changes (validation); fails with a hint when ingest has not run. */
    public static Warehouse openForUpdate(Path file, DuckDbSettings settings) {
        requireFile(file);
        return open(file, false, settings);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("No warehouse at " + file + ": run the ingest goal first (mvn ecommerce:ingest)"
                    + " or point " + Setting.WAREHOUSE.ref() + " at an existing one.");
        }
    }

    /**
     * Fails, before any work, when a table is missing.
     *
     * @param goal the goal whose {@code <tables>} the user may change, for the message
     */
    public void requireTables(Collection<Table> tables, String goal) {
        List<String> missing =
                tables.stream().filter(t -> !exists(t)).map(Table::sqlName).toList();
        if (!missing.isEmpty()) {
            throw new DataException("The warehouse " + file + " has no table " + String.join(", ", missing)
                    + ": run ingest with these tables (" + Setting.TABLES.ref() + ") or leave them out of the " + goal
                    + " goal's tables.");
        }
    }

    private static Warehouse open(Path file, boolean readOnly, DuckDbSettings settings) {
        try {
            DuckDBConnection connection = DuckDb.open(file, readOnly, settings);
            try (Statement statement = connection.createStatement()) {
                // TIMESTAMPTZ values print and cast in UTC, whatever the machine's zone.
                statement.execute("SET TimeZone = 'UTC'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new Warehouse(file, settings, connection);
        } catch (SQLException e) {
            throw new InfrastructureException("Cannot open the DuckDB warehouse " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The DuckDB settings this warehouse was opened with; other connections to its file need the same. */
    public DuckDbSettings settings() {
        return settings;
    }

    /**
     * Starts a load of the given tables into fresh staging tables, on the fastest bulk path this JVM can
     * run; commit it with {@link Load#commit()}.
     */
    public Load beginLoad(Collection<Table> tables) {
        return beginLoad(tables, BulkPath.best());
    }

    /** Starts a load on a given bulk path. */
    public Load beginLoad(Collection<Table> tables, BulkPath path) {
        dropLeftoverStaging();
        try (Statement statement = connection.createStatement()) {
            for (Table table : tables) {
                statement.execute("CREATE OR REPLACE TABLE " + staging(table) + " (" + columnsDdl(table) + ")");
            }
        } catch (SQLException e) {
            throw failure("Cannot create staging tables", e);
        }
        return new Load(this, tables, path);
    }

    DuckDBConnection connection() {
        return connection;
    }

    static String staging(Table table) {
        return Sql.identifier(STAGING_PREFIX + table.sqlName());
    }

    static String columnsDdl(Table table) {
        return table.columns().stream()
                .map(c -> Sql.identifier(c.name()) + " " + c.type().sql())
                .collect(Collectors.joining(", "));
    }

    /**
     * Swaps staged tables in and records their origins, all in one transaction. A table with a window keeps its
     * rows created before it: only the window is replaced (deleted, then the staged rows inserted), in the table
     * and in its rejected rows. A failure leaves every table and origin as it was.
     */
    void swapIn(Collection<Table> tables, Map<Table, Instant> windows, Map<Table, TableOrigin> origins) {
        String originsTable = Sql.identifier(ORIGINS_TABLE);
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + originsTable + " (table_name VARCHAR PRIMARY KEY,"
                        + " source VARCHAR, fingerprint VARCHAR, world VARCHAR, run_id VARCHAR, rows BIGINT,"
                        + " loaded_at TIMESTAMPTZ, cursor TIMESTAMPTZ, window_start TIMESTAMPTZ)");
                // Before the swap, while exists() still tells a window load from a first one: rows loaded are pending.
                TableValidation.loaded(statement, tables, windows, this::exists);
                for (Table table : tables) {
                    String target = Sql.identifier(table.sqlName());
                    Instant window = windows.get(table);
                    if (window != null && exists(table)) {
                        String since = " WHERE created_at >= " + Sql.timestamp(window);
                        statement.execute("DELETE FROM " + target + since);
                        if (hasRejected(table)) {
                            statement.execute("DELETE FROM " + Sql.identifier(rejectedName(table)) + since);
                        }
                        statement.execute("INSERT INTO " + target + " SELECT * FROM " + staging(table));
                        statement.execute("DROP TABLE " + staging(table));
                    } else {
                        statement.execute("DROP TABLE IF EXISTS " + target);
                        // Fresh rows, fresh verdicts: the rejected rows of the replaced data go with it.
                        statement.execute("DROP TABLE IF EXISTS " + Sql.identifier(rejectedName(table)));
                        statement.execute("ALTER TABLE " + staging(table) + " RENAME TO " + target);
                    }
                    // A table loaded without an origin has none: no stale one may outlive its rows.
                    statement.execute(
                            "DELETE FROM " + originsTable + " WHERE table_name = " + Sql.literal(table.sqlName()));
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + originsTable
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ)")) {
                    for (Map.Entry<Table, TableOrigin> entry : origins.entrySet()) {
                        Table table = entry.getKey();
                        TableOrigin origin = entry.getValue();
                        Instant cursor = newest(statement, table);
                        insert.setString(1, table.sqlName());
                        insert.setString(2, origin.source());
                        insert.setString(3, origin.fingerprint());
                        insert.setString(4, origin.world());
                        insert.setString(5, origin.runId());
                        insert.setLong(6, origin.rows());
                        insert.setString(7, origin.loadedAt().toString());
                        insert.setString(8, cursor == null ? null : cursor.toString());
                        Instant window = windows.get(table);
                        insert.setString(9, window == null ? null : window.toString());
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw failure("Cannot replace the warehouse tables", e);
        }
    }

    /** The newest {@code created_at} of a table, or null when it has none or no rows. */
    private static Instant newest(Statement statement, Table table) throws SQLException {
        if (table.columns().stream().noneMatch(c -> c.name().equals("created_at"))) {
            return null;
        }
        try (ResultSet rs =
                statement.executeQuery("SELECT epoch_us(max(created_at)) FROM " + Sql.identifier(table.sqlName()))) {
            rs.next();
            long micros = rs.getLong(1);
            return rs.wasNull() ? null : Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
        }
    }

    /** The recorded origin of every table that has one (none for a warehouse written before origins existed). */
    public Map<Table, TableOrigin> origins() {
        Map<Table, TableOrigin> origins = new java.util.EnumMap<>(Table.class);
        try (Statement statement = connection.createStatement();
                ResultSet exists =
                        statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                                + Sql.literal(ORIGINS_TABLE))) {
            exists.next();
            if (exists.getLong(1) == 0) {
                return origins;
            }
        } catch (SQLException e) {
            throw failure("Cannot read the warehouse's table origins", e);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_name, source, fingerprint, world, run_id, rows,"
                        + " epoch_us(loaded_at), epoch_us(cursor), epoch_us(window_start) FROM "
                        + Sql.identifier(ORIGINS_TABLE))) {
            while (rs.next()) {
                Table table =
                        Table.parseAll(List.of(rs.getString(1)), ORIGINS_TABLE).get(0);
                if (exists(table)) {
                    origins.put(
                            table,
                            new TableOrigin(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getLong(6),
                                    micros(rs, 7),
                                    micros(rs, 8),
                                    micros(rs, 9)));
                }
            }
        } catch (SQLException e) {
            throw failure("Cannot read the warehouse's table origins", e);
        }
        return origins;
    }

    private static Instant micros(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    /** Drops staging tables a crashed run may have left; the real tables are untouched. */
    void dropLeftoverStaging() {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '"
                                + STAGING_PREFIX.replace("_", "\\_") + "%' ESCAPE '\\'")) {
            java.util.List<String> leftovers = new java.util.ArrayList<>();
            while (rs.next()) {
                leftovers.add(rs.getString(1));
            }
            for (String name : leftovers) {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP TABLE IF EXISTS " + Sql.identifier(name));
                }
            }
        } catch (SQLException e) {
            throw failure("Cannot clean up staging tables", e);
        }
    }

    /** True when the table exists in the warehouse. */
    public boolean exists(Table table) {
        return tableExists(table.sqlName());
    }

    private boolean tableExists(String name) {
        try (var statement = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw failure("Cannot read the warehouse catalogue", e);
        }
    }

    /** The number of rows of a table. */
    public long rowCount(Table table) {
        return queryLong("SELECT count(*) FROM " + Sql.identifier(table.sqlName()));
    }

    /** Runs a query that returns one number (tests and reports). */
    public long queryLong(String sql) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("Query failed", e);
        }
    }

    /**
     * Writes a table to a file with DuckDB's COPY, in row order.
     *
     * @param options the COPY options, e.g. {@code FORMAT csv, HEADER true}; never user input
     */
    public void copyTo(Table table, Path target, String options) {
        copy(exportSelect(table, true, "true"), table.sqlName(), target, options);
    }

    /**
     * Writes some of the rows sinks export to a file, like {@link #copyTo(Table, Path, String)}.
     *
     * @param condition which rows: a boolean expression over the table's columns as {@code t.<column>}; never user
     *     input
     */
    public void copyTo(Table table, Path target, String options, String condition) {
        copy(exportSelect(table, true, condition), table.sqlName(), target, options);
    }

    /** The rows sinks export: all but those validation rejected. */
    public long exportableRowCount(Table table) {
        return queryLong("SELECT count(*) FROM (" + exportSelect(table, false, "true") + ")");
    }

    /**
     * Per group of the rows sinks export, a digest of the group's rows (e.g. per month: what changed since a
     * destination last received them).
     *
     * @param group a {@code BIGINT} expression over the rows' columns (by name) that names a row's group
     * @param digest an aggregate {@code VARCHAR} expression over a group's rows
     * @return per group (a null key for rows whose group is NULL), its digest
     */
    public Map<Long, String> exportDigests(Table table, String group, String digest) {
        Map<Long, String> digests = new java.util.HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT " + group + ", " + digest + " FROM ("
                        + exportSelect(table, false, "true") + ") GROUP BY 1")) {
            while (rs.next()) {
                long key = rs.getLong(1);
                digests.put(rs.wasNull() ? null : key, rs.getString(2));
            }
        } catch (SQLException e) {
            throw failure("Cannot compute the digests of " + table.sqlName(), e);
        }
        return digests;
    }

    private String exportSelect(Table table, boolean ordered, String condition) {
        String columns = table.columns().stream()
                .map(c -> "t." + Sql.identifier(c.name()))
                .collect(Collectors.joining(", "));
        String select =
                "SELECT " + columns + " FROM " + Sql.identifier(table.sqlName()) + " t WHERE (" + condition + ")";
        if (hasRejected(table)) {
            // Rows that failed validation are never exported, also when they stayed in the table (warn).
            String key = Sql.identifier(table.key());
            String rejected = Sql.identifier(rejectedName(table));
            select += " AND NOT EXISTS (SELECT 1 FROM " + rejected + " r WHERE r." + key + " = t." + key + " OR (r."
                    + key + " IS NULL AND t." + key + " IS NULL))" + (ordered ? " ORDER BY t." + key : "");
        }
        return select;
    }

    /** Writes {@code <table>__rejected} (the rows validation rejected, with their violations) to a file. */
    public void copyRejectedTo(Table table, Path target, String options) {
        copy(
                "SELECT * FROM " + Sql.identifier(rejectedName(table)) + " ORDER BY " + Sql.identifier(table.key()),
                rejectedName(table),
                target,
                options);
    }

    private void copy(String select, String what, Path target, String options) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO " + Sql.literal(target) + " (" + options + ")");
        } catch (SQLException e) {
            // The file's folder is what failed, not the warehouse: the message names the file first.
            throw new InfrastructureException(
                    "Cannot write " + target + " (" + what + " from the warehouse " + file + "): " + e.getMessage(), e);
        }
    }

    /** The number of rows validation rejected (0 when it rejected none). */
    public long rejectedRowCount(Table table) {
        return hasRejected(table) ? queryLong("SELECT count(*) FROM " + Sql.identifier(rejectedName(table))) : 0;
    }

    /** True when validation left rejected rows of this table. */
    public boolean hasRejected(Table table) {
        return tableExists(rejectedName(table));
    }

    /** The name of the table that holds a table's rejected rows. */
    public static String rejectedName(Table table) {
        return table.sqlName() + "__rejected";
    }

    /**
     * Moves rows out of a table into {@code <table>__rejected} (created or added to), with a {@code _violations} column,
     * in one transaction: the table keeps exactly the other rows, and nothing is lost.
     *
     * @param reasons per row key the violations as text; a {@code null} key stands for rows whose key is NULL
     * @return rows moved
     */
    public long quarantine(Table table, Map<Long, String> reasons) {
        return setAside(table, reasons, true, null);
    }

    /**
     * Moves a validation's invalid rows aside like {@link #quarantine(Table, Map)} and records, in the same
     * transaction, that the rows it checked are validated ({@link TableValidation}).
     */
    public long quarantine(Table table, Map<Long, String> reasons, TableValidation.Checked checked) {
        return setAside(table, reasons, true, checked);
    }

    /**
     * Copies rows into {@code <table>__rejected} like {@link #quarantine} but leaves them in the table (the
     * {@code warn} policy): they stay for inspection, and sinks still leave them out.
     */
    public long markRejected(Table table, Map<Long, String> reasons) {
        return setAside(table, reasons, false, null);
    }

    /** Marks a validation's invalid rows like {@link #markRejected(Table, Map)} and records what it checked. */
    public long markRejected(Table table, Map<Long, String> reasons, TableValidation.Checked checked) {
        return setAside(table, reasons, false, checked);
    }

    /** Records that a validation checked rows and found none invalid: nothing of the table is pending. */
    public void recordValidated(Table table, TableValidation.Checked checked) {
        setAside(table, new java.util.HashMap<>(), false, checked); // a Map.of() would refuse the null key lookup
    }

    /** What validation already checked of the table; empty when all of it is pending. */
    public java.util.Optional<TableValidation> validation(Table table) {
        try (Statement statement = connection.createStatement()) {
            return TableValidation.read(statement, table);
        } catch (SQLException e) {
            throw failure("Cannot read the validation state of " + table.sqlName(), e);
        }
    }

    private long setAside(Table table, Map<Long, String> reasons, boolean move, TableValidation.Checked checked) {
        String target = Sql.identifier(table.sqlName());
        String rejected = Sql.identifier(rejectedName(table));
        String key = Sql.identifier(table.key());
        String nullReasons = reasons.get(null);
        String scope = checked == null ? "true" : checked.condition(table, "t");
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (checked != null && hasRejected(table)) {
                    // Rows checked again get fresh verdicts: those still in the table (warn) lose their old ones.
                    statement.execute("DELETE FROM " + rejected + " r WHERE EXISTS (SELECT 1 FROM " + target
                            + " t WHERE (t." + key + " = r." + key + " OR (t." + key + " IS NULL AND r." + key
                            + " IS NULL)) AND " + scope + ")");
                }
                if (checked != null) {
                    TableValidation.validated(statement, table, checked);
                }
                if (reasons.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                statement.execute("CREATE OR REPLACE TEMP TABLE __rejected_keys (k BIGINT, reasons VARCHAR)");
                try (var insert = connection.prepareStatement("INSERT INTO __rejected_keys VALUES (?, ?)")) {
                    for (Map.Entry<Long, String> entry : reasons.entrySet()) {
                        if (entry.getKey() != null) {
                            insert.setLong(1, entry.getKey());
                            insert.setString(2, entry.getValue());
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                String nullPart = nullReasons == null
                        ? ""
                        : " UNION ALL SELECT t.*, " + Sql.literal(nullReasons) + " FROM " + target + " t WHERE t." + key
                                + " IS NULL AND " + scope;
                // Added to, not replaced: rows a previous validation moved aside stay there until the next ingest.
                statement.execute("CREATE TABLE IF NOT EXISTS " + rejected + " AS SELECT *, CAST(NULL AS VARCHAR)"
                        + " AS _violations FROM " + target + " WHERE false");
                long copied = statement.executeUpdate("INSERT INTO " + rejected + " SELECT t.*, r.reasons FROM "
                        + target + " t JOIN __rejected_keys r ON t." + key + " = r.k" + nullPart);
                if (move) {
                    long deleted = statement.executeUpdate(
                            "DELETE FROM " + target + " t WHERE t." + key + " IN (SELECT k FROM __rejected_keys)"
                                    + (nullReasons == null ? "" : " OR (t." + key + " IS NULL AND " + scope + ")"));
                    if (deleted != copied) { // accepted + rejected must equal the source
                        throw new SQLException("set aside " + copied + " rows but removed " + deleted);
                    }
                }
                statement.execute("DROP TABLE __rejected_keys");
                connection.commit();
                return copied;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("Cannot set aside rejected rows of " + table.sqlName(), e);
        }
    }

    InfrastructureException failure(String what, SQLException e) {
        return new InfrastructureException(what + " in the warehouse " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("Cannot close", e);
        }
    }
}
