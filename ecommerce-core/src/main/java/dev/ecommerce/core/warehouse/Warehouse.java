package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
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

    /** The table where each table's {@link BackfillMark} is kept while it is backfilled. */
    public static final String BACKFILL_TABLE = "_ecommerce_backfill";

    /** The table where each table's {@link TableValidation} is kept. */
    public static final String VALIDATION_TABLE = "_ecommerce_validation";

    /** The table where each table's {@link TableBaseline} is kept for the checks on whole tables. */
    public static final String TABLE_CHECKS_TABLE = "_ecommerce_table_checks";

    static final String STAGING_PREFIX = "__ingest_";

    /** The column that dates a row's creation, in the tables that have one. */
    private static final String CREATED_AT = "created_at";

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
     * other rows: only the rows in the window, and those with a key the staged rows carry, are replaced (deleted,
     * then the staged rows inserted), in the table and in its rejected rows. A failure leaves every table, origin
     * and backfill mark as it was.
     *
     * @param increments per windowed table, its key (rows with a staged key are replaced wherever they were)
     * @param origins the origins to record, completed here with each table's cursor and changes; a table not
     *     among {@code tables} is kept as it is, with this origin
     * @param backfill with a backfill chunk, how far the backfill got (recorded for the windowed tables); or null
     * @return the recorded origins
     */
    Map<Table, TableOrigin> swapIn(
            Collection<Table> tables,
            Map<Table, Window> windows,
            Map<Table, Increment> increments,
            Map<Table, TableOrigin> origins,
            BackfillMark backfill) {
        Map<Table, TableOrigin> recorded = new java.util.EnumMap<>(Table.class);
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                createStateTables(statement);
                // Before the swap, while exists() still tells a window load from a first one: rows loaded are pending.
                TableValidation.loaded(statement, tables, windows, this::exists);
                for (Table table : tables) {
                    String target = Sql.identifier(table.sqlName());
                    Window window = windows.get(table);
                    TableChanges changes;
                    if (window != null && exists(table)) {
                        changes = replaceWindow(
                                statement, table, window, increments.get(table).key());
                    } else {
                        long before = exists(table) ? rowCount(table) : 0;
                        statement.execute("DROP TABLE IF EXISTS " + target);
                        // Fresh rows, fresh verdicts: the rejected rows of the replaced data go with it.
                        statement.execute("DROP TABLE IF EXISTS " + Sql.identifier(rejectedName(table)));
                        statement.execute("ALTER TABLE " + staging(table) + " RENAME TO " + target);
                        changes = new TableChanges(rowCount(table), 0, before);
                    }
                    // A table loaded without an origin has none: no stale one may outlive its rows.
                    statement.execute("DELETE FROM " + Sql.identifier(ORIGINS_TABLE) + " WHERE table_name = "
                            + Sql.literal(table.sqlName()));
                    TableOrigin origin = origins.get(table);
                    if (origin != null) {
                        Instant cursor = newest(statement, table, origin.cursorColumn());
                        recorded.put(table, origin.committed(cursor, changes));
                    }
                    if (backfill == null || window == null) { // a whole load or an increment ends any backfill
                        statement.execute("DELETE FROM " + Sql.identifier(BACKFILL_TABLE) + " WHERE table_name = "
                                + Sql.literal(table.sqlName()));
                    }
                }
                for (Map.Entry<Table, TableOrigin> kept : origins.entrySet()) {
                    if (!tables.contains(kept.getKey())) { // kept as it was: only its origin is this run's
                        statement.execute("DELETE FROM " + Sql.identifier(ORIGINS_TABLE) + " WHERE table_name = "
                                + Sql.literal(kept.getKey().sqlName()));
                        Instant cursor =
                                newest(statement, kept.getKey(), kept.getValue().cursorColumn());
                        recorded.put(kept.getKey(), kept.getValue().committed(cursor, new TableChanges(0, 0, 0)));
                    }
                }
                recordOrigins(recorded);
                if (backfill != null) {
                    recordBackfill(windows.keySet(), backfill);
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
        return recorded;
    }

    /**
     * Replaces a table's rows in a window (and those with a key the staged rows carry) by the staged rows, counting
     * by key what was inserted, updated (values changed) and deleted.
     */
    private TableChanges replaceWindow(Statement statement, Table table, Window window, String keyColumn)
            throws SQLException {
        String target = Sql.identifier(table.sqlName());
        String key = Sql.identifier(keyColumn);
        String column = Sql.identifier(window.column());
        // Plain range conditions, so that DuckDB filters while it scans and reads the other columns only for the
        // window's rows; rows with a staged key outside the window (their window column moved) are looked for by
        // key alone, and rare (none in thelook, where created_at never changes).
        String inWindow = column + " >= " + Sql.timestamp(window.from())
                + (window.until() == null ? "" : " AND " + column + " < " + Sql.timestamp(window.until()));
        String stagedKeys = key + " IN (SELECT " + key + " FROM " + staging(table) + ")";
        String moved = "(" + stagedKeys + " AND NOT (" + inWindow + "))";
        long movedRows;
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + target + " WHERE " + moved)) {
            rs.next();
            movedRows = rs.getLong(1);
        }
        String hash = "hash("
                + table.columns().stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", ")) + ")";
        String old = "SELECT " + key + " AS k, " + hash + " AS h FROM " + target + " WHERE " + key + " IS NOT NULL AND "
                + (movedRows == 0 ? "(" + inWindow + ")" : "(" + inWindow + " OR " + moved + ")");
        // Only what differs is written: per key, the rows whose values changed, vanished or are new. Rewriting the
        // window's unchanged rows too would give the same table, but scattered deletes make DuckDB's checkpoint
        // rewrite much of it. Rows without a key cannot be matched: the window's are replaced.
        statement.execute("CREATE OR REPLACE TEMP TABLE __window_changes AS WITH o AS (" + old + "), n AS (SELECT "
                + key + " AS k, " + hash + " AS h FROM " + staging(table) + " WHERE " + key + " IS NOT NULL)"
                + " SELECT o.k AS old_key, n.k AS new_key FROM o FULL OUTER JOIN n ON o.k = n.k"
                + " WHERE o.k IS NULL OR n.k IS NULL OR o.h <> n.h");
        TableChanges changes;
        try (ResultSet rs = statement.executeQuery("SELECT"
                + " count(*) FILTER (WHERE old_key IS NULL) + (SELECT count(*) FROM " + staging(table) + " WHERE "
                + key + " IS NULL),"
                + " count(*) FILTER (WHERE old_key IS NOT NULL AND new_key IS NOT NULL),"
                + " count(*) FILTER (WHERE new_key IS NULL) + (SELECT count(*) FROM " + target + " WHERE " + key
                + " IS NULL AND " + inWindow + ")"
                + " FROM __window_changes")) {
            rs.next();
            changes = new TableChanges(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
        statement.execute("DELETE FROM " + target + " WHERE " + key + " IS NULL AND " + inWindow);
        statement.execute("DELETE FROM " + target + " WHERE (" + inWindow + (movedRows == 0 ? "" : " OR " + moved)
                + ") AND " + key + " IN (SELECT old_key FROM __window_changes WHERE old_key IS NOT NULL)");
        if (hasRejected(table)) { // the window's verdicts go with it: validation checks the window again
            String rejected = Sql.identifier(rejectedName(table));
            statement.execute("DELETE FROM " + rejected + " WHERE " + inWindow);
            statement.execute("DELETE FROM " + rejected + " WHERE " + stagedKeys);
        }
        statement.execute("INSERT INTO " + target + " SELECT * FROM " + staging(table) + " WHERE " + key
                + " IS NULL OR " + key + " IN (SELECT new_key FROM __window_changes WHERE new_key IS NOT NULL)");
        statement.execute("DROP TABLE __window_changes");
        statement.execute("DROP TABLE " + staging(table));
        return changes;
    }

    private static final List<String> ORIGIN_COLUMNS = List.of(
            "table_name VARCHAR PRIMARY KEY",
            "source VARCHAR",
            "fingerprint VARCHAR",
            "world VARCHAR",
            "run_id VARCHAR",
            "rows BIGINT",
            "loaded_at TIMESTAMPTZ",
            "cursor TIMESTAMPTZ",
            "window_start TIMESTAMPTZ",
            "cursor_column VARCHAR",
            "window_column VARCHAR",
            "window_end TIMESTAMPTZ",
            "inserted BIGINT",
            "updated BIGINT",
            "deleted BIGINT");

    /** Creates the state tables, or adds the columns a warehouse written by an earlier version lacks. */
    private static void createStateTables(Statement statement) throws SQLException {
        statement.execute(
                "CREATE TABLE IF NOT EXISTS " + Sql.identifier(ORIGINS_TABLE) + " (" + ORIGIN_COLUMNS.get(0) + ")");
        for (String column : ORIGIN_COLUMNS.subList(1, ORIGIN_COLUMNS.size())) {
            statement.execute("ALTER TABLE " + Sql.identifier(ORIGINS_TABLE) + " ADD COLUMN IF NOT EXISTS " + column);
        }
        statement.execute("CREATE TABLE IF NOT EXISTS " + Sql.identifier(BACKFILL_TABLE) + " (table_name VARCHAR"
                + " PRIMARY KEY, range_from TIMESTAMPTZ, range_to TIMESTAMPTZ, chunk VARCHAR, world VARCHAR,"
                + " done_until TIMESTAMPTZ, recorded_at TIMESTAMPTZ)");
    }

    private void recordOrigins(Map<Table, TableOrigin> origins) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + Sql.identifier(ORIGINS_TABLE)
                + " (table_name, source, fingerprint, world, run_id, rows, loaded_at, cursor, window_start,"
                + " cursor_column, window_column, window_end, inserted, updated, deleted)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?, ?, ?::TIMESTAMPTZ,"
                + " ?, ?, ?)")) {
            for (Map.Entry<Table, TableOrigin> entry : origins.entrySet()) {
                TableOrigin origin = entry.getValue();
                Window window = origin.window();
                insert.setString(1, entry.getKey().sqlName());
                insert.setString(2, origin.source());
                insert.setString(3, origin.fingerprint());
                insert.setString(4, origin.world());
                insert.setString(5, origin.runId());
                insert.setLong(6, origin.rows());
                insert.setString(7, origin.loadedAt().toString());
                insert.setString(8, text(origin.cursor()));
                insert.setString(9, window == null ? null : window.from().toString());
                insert.setString(10, origin.cursorColumn());
                insert.setString(11, window == null ? null : window.column());
                insert.setString(12, window == null ? null : text(window.until()));
                insert.setLong(13, origin.changes().inserted());
                insert.setLong(14, origin.changes().updated());
                insert.setLong(15, origin.changes().deleted());
                insert.executeUpdate();
            }
        }
    }

    private void recordBackfill(Collection<Table> tables, BackfillMark mark) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO "
                + Sql.identifier(BACKFILL_TABLE) + " VALUES (?, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, ?, ?, ?::TIMESTAMPTZ,"
                + " now())")) {
            for (Table table : tables) {
                upsert.setString(1, table.sqlName());
                upsert.setString(2, mark.from().toString());
                upsert.setString(3, mark.to().toString());
                upsert.setString(4, mark.chunk());
                upsert.setString(5, mark.world());
                upsert.setString(6, mark.doneUntil().toString());
                upsert.executeUpdate();
            }
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** How far each table's last backfill got (none for tables whose last load was not a backfill chunk). */
    public Map<Table, BackfillMark> backfills() {
        Map<Table, BackfillMark> marks = new java.util.EnumMap<>(Table.class);
        if (!tableExists(BACKFILL_TABLE)) {
            return marks;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_name, epoch_us(range_from), epoch_us(range_to),"
                        + " chunk, world, epoch_us(done_until) FROM " + Sql.identifier(BACKFILL_TABLE))) {
            while (rs.next()) {
                Table table =
                        Table.parseAll(List.of(rs.getString(1)), BACKFILL_TABLE).get(0);
                marks.put(
                        table,
                        new BackfillMark(
                                micros(rs, 2), micros(rs, 3), rs.getString(4), micros(rs, 6), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw failure("Cannot read the warehouse's backfill state", e);
        }
        return marks;
    }

    /** The newest value of a table's cursor column, or null when it has none or no rows. */
    private static Instant newest(Statement statement, Table table, String column) throws SQLException {
        if (column == null) {
            return null;
        }
        try (ResultSet rs = statement.executeQuery(
                "SELECT epoch_us(max(" + Sql.identifier(column) + ")) FROM " + Sql.identifier(table.sqlName()))) {
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
        // SELECT *: a warehouse written by an earlier version lacks the newer columns, which then read as NULL.
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + Sql.identifier(ORIGINS_TABLE))) {
            java.util.Set<String> columns = new java.util.HashSet<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i));
            }
            while (rs.next()) {
                Table table = Table.parseAll(List.of(rs.getString("table_name")), ORIGINS_TABLE)
                        .get(0);
                if (!exists(table)) {
                    continue;
                }
                Instant cursor = instant(rs, columns, "cursor");
                Instant from = instant(rs, columns, "window_start");
                String windowColumn = string(rs, columns, "window_column");
                String cursorColumn = string(rs, columns, "cursor_column");
                Window window = from == null
                        ? null
                        : new Window(
                                windowColumn == null ? "created_at" : windowColumn,
                                from,
                                instant(rs, columns, "window_end"));
                origins.put(
                        table,
                        new TableOrigin(
                                rs.getString("source"),
                                rs.getString("fingerprint"),
                                string(rs, columns, "world"),
                                rs.getString("run_id"),
                                rs.getLong("rows"),
                                instant(rs, columns, "loaded_at"),
                                // Written before cursor columns were recorded: thelook's created_at.
                                cursorColumn == null && cursor != null ? "created_at" : cursorColumn,
                                cursor,
                                window,
                                new TableChanges(
                                        number(rs, columns, "inserted"),
                                        number(rs, columns, "updated"),
                                        number(rs, columns, "deleted"))));
            }
        } catch (SQLException e) {
            throw failure("Cannot read the warehouse's table origins", e);
        }
        return origins;
    }

    private static String string(ResultSet rs, java.util.Set<String> columns, String name) throws SQLException {
        return columns.contains(name) ? rs.getString(name) : null;
    }

    private static long number(ResultSet rs, java.util.Set<String> columns, String name) throws SQLException {
        return columns.contains(name) ? rs.getLong(name) : 0;
    }

    private static Instant instant(ResultSet rs, java.util.Set<String> columns, String name) throws SQLException {
        if (!columns.contains(name)) {
            return null;
        }
        java.time.OffsetDateTime time = rs.getObject(name, java.time.OffsetDateTime.class);
        return time == null ? null : time.toInstant();
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

    /** DuckDB's version, e.g. {@code v1.4.4}: the hashes of {@link #monthDigests} are those of this version. */
    public String engineVersion() {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw failure("Cannot read DuckDB's version", e);
        }
    }

    /**
     * Writes a table to a file with DuckDB's COPY, in row order.
     *
     * @param options the COPY options, e.g. {@code FORMAT csv, HEADER true}; never user input
     */
    public void copyTo(Table table, Path target, String options) {
        copy(exportSelect(table, null, true), table.sqlName(), target, options);
    }

    /**
     * Writes some of the rows sinks export to a file, like {@link #copyTo(Table, Path, String)}.
     *
     * @param condition which rows: a boolean expression over the table's columns as {@code t.<column>}; never user
     *     input
     */
    public void copyTo(Table table, Path target, String options, String condition) {
        copy(exportSelect(table, condition, true), table.sqlName(), target, options);
    }

    /** The rows sinks export: all but those validation rejected. */
    public long exportableRowCount(Table table) {
        return queryLong("SELECT count(*) FROM (" + exportSelect(table, null, false) + ")");
    }

    /**
     * One creation month of a table's exportable rows.
     *
     * @param month the month of {@code created_at} in UTC; null for the rows without one, which are all the rows of a
     *     table without {@code created_at}
     * @param rows how many rows
     * @param hashSum the sum of DuckDB's hash of each row (all columns), as text: it changes when a row of the month
     *     is added, removed or changed
     */
    public record MonthDigest(YearMonth month, long rows, String hashSum) {}

    /** The exportable rows by creation month ({@link MonthDigest}), the rows without one first. */
    public List<MonthDigest> monthDigests(Table table) {
        String columns =
                table.columns().stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", "));
        String createdAt = Sql.identifier(CREATED_AT);
        String month = hasCreatedAt(table) ? "year(" + createdAt + ") * 100 + month(" + createdAt + ")" : "NULL";
        Map<Long, String> groups = exportDigests(
                table,
                "CAST(" + month + " AS BIGINT)",
                "count(*) || ':' || CAST(sum(hash(" + columns + ")) AS VARCHAR)");
        List<MonthDigest> digests = new ArrayList<>();
        groups.forEach((yearMonth, digest) -> {
            int colon = digest.indexOf(':');
            digests.add(new MonthDigest(
                    yearMonth == null ? null : YearMonth.of((int) (yearMonth / 100), (int) (yearMonth % 100)),
                    Long.parseLong(digest.substring(0, colon)),
                    digest.substring(colon + 1)));
        });
        digests.sort(java.util.Comparator.comparing(
                MonthDigest::month, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return digests;
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
                        + exportSelect(table, null, false) + ") GROUP BY 1")) {
            while (rs.next()) {
                long key = rs.getLong(1);
                digests.put(rs.wasNull() ? null : key, rs.getString(2));
            }
        } catch (SQLException e) {
            throw failure("Cannot compute the digests of " + table.sqlName(), e);
        }
        return digests;
    }

    /**
     * Writes one creation month of a table's exportable rows to a file with DuckDB's COPY, in key order.
     *
     * @param month as in {@link MonthDigest#month()}: null for the rows without a creation month
     * @param options the COPY options; never user input
     */
    public void copyMonthTo(Table table, YearMonth month, Path target, String options) {
        String condition;
        if (!hasCreatedAt(table)) {
            condition = null;
        } else if (month == null) {
            condition = "t." + Sql.identifier(CREATED_AT) + " IS NULL";
        } else {
            condition = "t." + Sql.identifier(CREATED_AT) + " >= " + monthStart(month) + " AND t."
                    + Sql.identifier(CREATED_AT) + " < " + monthStart(month.plusMonths(1));
        }
        copy(
                exportSelect(table, condition, true),
                month == null ? table.sqlName() : table.sqlName() + " of " + month,
                target,
                options);
    }

    private static boolean hasCreatedAt(Table table) {
        return table.columns().stream().anyMatch(c -> c.name().equals(CREATED_AT));
    }

    private static String monthStart(YearMonth month) {
        return "CAST(" + Sql.literal(month.atDay(1) + " 00:00:00+00") + " AS TIMESTAMPTZ)";
    }

    /** The exported rows, optionally narrowed by {@code condition} on {@code t} (never user input). */
    private String exportSelect(Table table, String condition, boolean ordered) {
        String columns = table.columns().stream()
                .map(c -> "t." + Sql.identifier(c.name()))
                .collect(Collectors.joining(", "));
        String select = "SELECT " + columns + " FROM " + Sql.identifier(table.sqlName()) + " t";
        List<String> conditions = new ArrayList<>();
        if (hasRejected(table)) {
            // Rows that failed validation are never exported, also when they stayed in the table (warn).
            String key = Sql.identifier(table.key());
            String rejected = Sql.identifier(rejectedName(table));
            conditions.add("NOT EXISTS (SELECT 1 FROM " + rejected + " r WHERE r." + key + " = t." + key + " OR (r."
                    + key + " IS NULL AND t." + key + " IS NULL))");
        }
        if (condition != null) {
            conditions.add("(" + condition + ")");
        }
        if (!conditions.isEmpty()) {
            select += " WHERE " + String.join(" AND ", conditions);
        }
        if (ordered && (hasRejected(table) || condition != null)) {
            select += " ORDER BY t." + Sql.identifier(table.key());
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

    /** Every table's baseline of the checks on whole tables; empty before their first run. */
    public Map<Table, TableBaseline> baselines() {
        try (Statement statement = connection.createStatement()) {
            return TableBaseline.read(statement);
        } catch (SQLException e) {
            throw failure("Cannot read the table checks' baselines", e);
        }
    }

    /** Replaces the baselines of these tables in one transaction. */
    public void recordBaselines(Collection<TableBaseline> baselines) {
        inTransaction("Cannot record the table checks' baselines", statement -> {
            TableBaseline.write(statement, baselines);
            return null;
        });
    }

    /** A table's columns as they are in the warehouse, in order: name to DuckDB type. */
    public Map<String, String> columns(Table table) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        try (var statement = connection.prepareStatement("SELECT column_name, data_type FROM"
                + " information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY"
                + " ordinal_position")) {
            statement.setString(1, table.sqlName());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
            return columns;
        } catch (SQLException e) {
            throw failure("Cannot read the columns of " + table.sqlName(), e);
        }
    }

    /** Reads one result set (the checks on whole tables); the SQL is built with {@link Sql}, never user input. */
    public <T> T query(String sql, ResultReader<T> reader) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return reader.read(rs);
        } catch (SQLException e) {
            throw failure("Query failed", e);
        }
    }

    /** Reads a result set into a value. */
    @FunctionalInterface
    public interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private long setAside(Table table, Map<Long, String> reasons, boolean move, TableValidation.Checked checked) {
        String target = Sql.identifier(table.sqlName());
        String rejected = Sql.identifier(rejectedName(table));
        String key = Sql.identifier(table.key());
        String nullReasons = reasons.get(null);
        String scope = checked == null ? "true" : checked.condition(table, "t");
        return inTransaction("Cannot set aside rejected rows of " + table.sqlName(), statement -> {
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
                return 0L;
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
            long copied = statement.executeUpdate("INSERT INTO " + rejected + " SELECT t.*, r.reasons FROM " + target
                    + " t JOIN __rejected_keys r ON t." + key + " = r.k" + nullPart);
            if (move) {
                long deleted = statement.executeUpdate(
                        "DELETE FROM " + target + " t WHERE t." + key + " IN (SELECT k FROM __rejected_keys)"
                                + (nullReasons == null ? "" : " OR (t." + key + " IS NULL AND " + scope + ")"));
                if (deleted != copied) { // accepted + rejected must equal the source
                    throw new SQLException("set aside " + copied + " rows but removed " + deleted);
                }
            }
            statement.execute("DROP TABLE __rejected_keys");
            return copied;
        });
    }

    /** Runs work in one transaction, committed when it returns and rolled back when it throws. */
    private <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                T result = work.run(statement);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Work on a statement inside a transaction. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Statement statement) throws SQLException;
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
