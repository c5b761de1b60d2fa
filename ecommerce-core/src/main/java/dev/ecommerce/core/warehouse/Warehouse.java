package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB file warehouse. Tables are loaded into staging tables and swapped in together, in one
 * transaction, only after every row arrived: a re-run replaces, a failure leaves the previous tables.
 */
public final class Warehouse implements AutoCloseable {

    static final String STAGING_PREFIX = "__ingest_";

    private final Path file;
    private final DuckDBConnection connection;

    private Warehouse(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (and creates) the warehouse for writing. */
    public static Warehouse openForWrite(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create the folder of the warehouse " + file, e);
        }
        return open(file, false);
    }

    /** Opens an existing warehouse read-only; fails with a hint when ingest has not run. */
    public static Warehouse openForRead(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("No warehouse at " + file + ": run the ingest goal first (mvn ecommerce:ingest)"
                    + " or point <warehouse> / -Decommerce.warehouse at an existing one.");
        }
        return open(file, true);
    }

    private static Warehouse open(Path file, boolean readOnly) {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
            try (Statement statement = connection.createStatement()) {
                // TIMESTAMPTZ values print and cast in UTC, whatever the machine's zone.
                statement.execute("SET TimeZone = 'UTC'");
            }
            return new Warehouse(file, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException | ClassNotFoundException e) {
            throw new InfrastructureException("Cannot open the DuckDB warehouse " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
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

    /** Swaps staged tables in, all in one transaction. */
    void swapIn(Collection<Table> tables) {
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Table table : tables) {
                    String target = Sql.identifier(table.sqlName());
                    statement.execute("DROP TABLE IF EXISTS " + target);
                    statement.execute("ALTER TABLE " + staging(table) + " RENAME TO " + target);
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
        try (var statement = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            statement.setString(1, table.sqlName());
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
        String select = "SELECT "
                + table.columns().stream()
                        .map(Column::name)
                        .map(Sql::identifier)
                        .collect(Collectors.joining(", ")) + " FROM " + Sql.identifier(table.sqlName());
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO " + Sql.literal(target) + " (" + options + ")");
        } catch (SQLException e) {
            throw failure("Cannot write " + table.sqlName() + " to " + target, e);
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
