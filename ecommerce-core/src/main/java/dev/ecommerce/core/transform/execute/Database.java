package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.transform.project.Profile;
import dev.ecommerce.core.warehouse.DuckDb;
import dev.ecommerce.core.warehouse.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The DuckDB database of a profile's target; counts the time DuckDB spends on queries. */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Extensions for remote files: the engine stages those through Java, so it never loads (or downloads) them. */
    private static final Set<String> STAGED_BY_JAVA = Set.of("httpfs", "aws");

    private final Connection connection;
    private final RelationCatalog catalog = new RelationCatalog();
    private long nanos;
    private List<String> journal;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens the target's database with the default DuckDB settings. */
    public static Database open(Profile profile, Path projectDirectory, Map<String, String> environment) {
        return open(profile, projectDirectory, environment, DuckDbSettings.DEFAULTS);
    }

    /**
     * Opens the target's database: a DuckDB file (created when missing, like dbt-duckdb) or MotherDuck, with
     * the plugin's DuckDB settings, then the profile's extensions and settings (which may override the memory
     * limit, threads or temp directory, as in dbt-duckdb). DuckDB never downloads an extension here: a missing
     * one (motherduck for {@code md:}) is a {@link ConfigurationException} that says how to install it. When
     * the target stages files through Java, the extensions that replaces are skipped; extensions already
     * loaded (built in) are not loaded again.
     */
    public static Database open(
            Profile profile, Path projectDirectory, Map<String, String> environment, DuckDbSettings settings) {
        Properties properties = new Properties();
        String database;
        if (profile.isMotherDuck()) {
            String token = environment.get("MOTHERDUCK_TOKEN");
            if (token != null) {
                properties.setProperty("motherduck_token", token);
            }
            database = profile.path();
        } else if (profile.path().equals(":memory:")) {
            database = "";
        } else {
            Path file = profile.file(projectDirectory);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new InfrastructureException("Cannot create the folder of " + file, e);
            }
            database = file.toAbsolutePath().toString();
        }
        try {
            Connection connection = DuckDb.open(database, properties, settings);
            try {
                return configure(new Database(connection), profile);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close(); // a half-configured connection must not keep the file open
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (profile.isMotherDuck()) {
                if (DuckDb.isExtensionFailure(e)) {
                    throw new ConfigurationException(
                            "The DuckDB motherduck extension " + DuckDb.extensionState(e) + ", so "
                                    + profile.displayPath() + " (profiles.yml target " + profile.target()
                                    + ") cannot be reached: install it once where there is network"
                                    + " (duckdb -c 'INSTALL motherduck', or INSTALL motherduck in any DuckDB), or"
                                    + " use another target (" + Setting.TRANSFORM_TARGET.set("local") + ").",
                            e);
                }
                throw new ConfigurationException(
                        "Cannot open the MotherDuck database " + profile.displayPath() + " of target "
                                + profile.target() + ": " + e.getMessage()
                                + ". Check MOTHERDUCK_TOKEN (environment or .env), or use another target"
                                + " (" + Setting.TRANSFORM_TARGET.set("local") + ").",
                        e);
            }
            throw new InfrastructureException(
                    "Cannot open the DuckDB database " + profile.displayPath() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("profiles.yml target " + profile.target() + ": " + e.getMessage(), e);
        }
    }

    private static Database configure(Database database, Profile profile) throws SQLException {
        database.execute("SET TimeZone = 'UTC'");
        for (String extension : profile.extensions()) {
            if (profile.stagesFiles() && STAGED_BY_JAVA.contains(extension)) {
                LOG.debug(
                        "Not loading the DuckDB extension {}: the embedded engine stages S3 files through" + " Java",
                        extension);
            } else if (database.isLoaded(extension)) {
                LOG.debug("The DuckDB extension {} is built in", extension);
            } else {
                try {
                    database.execute("LOAD " + Sql.identifier(extension));
                } catch (SQLException e) {
                    throw new ConfigurationException(
                            "The DuckDB extension " + extension + " (extensions: of profiles.yml target "
                                    + profile.target() + ") " + DuckDb.extensionState(e)
                                    + ": install it once where there is network (duckdb -c 'INSTALL " + extension
                                    + "'); the plugin never downloads extensions.",
                            e);
                }
            }
        }
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            if (setting.getKey().equalsIgnoreCase(DuckDb.AUTOINSTALL)) {
                throw new ConfigurationException("profiles.yml target " + profile.target() + " sets "
                        + DuckDb.AUTOINSTALL + ": the plugin never lets DuckDB download extensions; install them"
                        + " once (duckdb -c 'INSTALL <name>') and remove the setting.");
            }
            database.execute("SET " + Sql.identifier(setting.getKey()) + " = " + Sql.literal(setting.getValue()));
        }
        return database;
    }

    private boolean isLoaded(String extension) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM duckdb_extensions() WHERE extension_name = ? AND loaded")) {
            statement.setString(1, extension);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Runs {@code statements} in one transaction: committed when they succeed, rolled back when they fail, so
     * a failure leaves the database as it was. Returns what they return.
     */
    public long inTransaction(Materializer.Statements statements) throws SQLException {
        execute("BEGIN TRANSACTION");
        try {
            long result = statements.run();
            execute("COMMIT");
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                execute("ROLLBACK");
            } catch (SQLException rollback) { // a failed COMMIT has ended the transaction already
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Runs one statement; returns the rows it changed, or -1. */
    public long execute(String sql) throws SQLException {
        long start = System.nanoTime();
        if (journal != null) {
            journal.add(sql);
        }
        boolean done = false;
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            done = true;
            return statement.getUpdateCount();
        } finally {
            catalog.after(sql, done);
            nanos += System.nanoTime() - start;
        }
    }

    /**
     * Runs a SQL text from a template ({@code run_query}, {@code statement}, an adapter method), one statement
     * or several, as {@link #execute} does; returns the last statement's result set: column names, their
     * types, and the rows (every value as JDBC reads it), or nothing when it has none.
     */
    public Fetched fetch(String sql) throws SQLException {
        long start = System.nanoTime();
        if (journal != null) {
            journal.add(sql);
        }
        boolean done = false;
        try (Statement statement = connection.createStatement()) {
            boolean hasResult = statement.execute(sql);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            if (hasResult) {
                try (ResultSet rs = statement.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        names.add(meta.getColumnName(i));
                        types.add(meta.getColumnTypeName(i));
                    }
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= names.size(); i++) {
                            row.add(rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
            done = true;
            return new Fetched(names, types, rows);
        } finally {
            catalog.after(sql, done);
            nanos += System.nanoTime() - start;
        }
    }

    /** A result set as {@link #fetch} read it. */
    public record Fetched(List<String> names, List<String> types, List<List<Object>> rows) {}

    /** Starts recording the statements {@link #execute} runs (what dbt writes under {@code target/run/}). */
    public void startJournal() {
        journal = new ArrayList<>();
    }

    /** The statements run since {@link #startJournal}, each ending with {@code ;}; stops recording. */
    public String stopJournal() {
        String text = journal == null
                ? ""
                : String.join("\n\n", journal.stream().map(s -> s.strip() + ";").toList());
        journal = null;
        return text;
    }

    /** The first column of the first row, as a long. */
    public long count(String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** Rows as column-to-value maps, at most {@code limit}. */
    public List<Map<String, Object>> rows(String sql, int limit) throws SQLException {
        long start = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rows.size() < limit && rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /**
     * {@code BASE TABLE}, {@code VIEW}, or null when the relation does not exist. Answered from a copy of the
     * catalogue read once ({@link RelationCatalog}): asking DuckDB's information schema each time costs time
     * in proportion to the relations there, which made large projects quadratic.
     */
    public String relationType(String schema, String name) throws SQLException {
        long start = System.nanoTime();
        try {
            return catalog.type(schema, name, this::readCatalog);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    private Map<String, String> readCatalog() throws SQLException {
        Map<String, String> types = new java.util.HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_schema, table_name, table_type"
                        + " FROM information_schema.tables WHERE table_catalog = current_database()")) {
            while (rs.next()) {
                types.put(RelationCatalog.key(rs.getString(1), rs.getString(2)), rs.getString(3));
            }
        }
        return types;
    }

    /** Column names and DuckDB types of a relation, in order; empty when it does not exist. */
    public Map<String, String> columns(String schema, String name) throws SQLException {
        long start = System.nanoTime();
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND table_catalog = current_database() ORDER BY ordinal_position")) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
            return columns;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** Time spent in DuckDB so far. */
    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new InfrastructureException("Cannot close the DuckDB database: " + e.getMessage(), e);
        }
    }
}
