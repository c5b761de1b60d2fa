package dev.ecommerce.testkit.bigquery;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.DuckDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * The tables LocalBigQuery serves, in one DuckDB database: the seven thelook tables (schema {@code main}) and
 * the anonymous result tables of query jobs (schema {@code _anon}). Every request works on a connection of
 * its own ({@link #connect()}); the registry is thread-safe.
 */
final class Catalog implements QueryTranslator.Resolver, AutoCloseable {

    /** The dataset of anonymous query result tables, in the job's project. */
    static final String ANON_DATASET = "_anon_local";

    static final String LOCATION = "US";

    private static final String ANON_SCHEMA = "_anon";
    private static final Set<String> GEOGRAPHY_COLUMNS = Set.of("distribution_center_geom", "user_geom");

    private final String project;
    private final String dataset;
    private volatile DuckDBConnection connection; // replaced whole when the served data moves to another date
    private final Map<TableRef, TableMeta> tables = new ConcurrentHashMap<>();
    private final AtomicLong anonSequence = new AtomicLong();
    private final Object anonLock = new Object();

    private Catalog(String project, String dataset, DuckDBConnection connection) {
        this.project = project;
        this.dataset = dataset;
        this.connection = connection;
    }

    /**
     * Opens the warehouse file the thelook tables were loaded into and registers them; the database gets the
     * core's DuckDB policy and memory bounds, as it runs inside the build's JVM.
     */
    static Catalog open(Path file, String project, String dataset, DuckDbSettings settings) {
        Catalog catalog = new Catalog(project, dataset, null);
        catalog.connection = catalog.openAndRegister(file, settings);
        return catalog;
    }

    /**
     * Serves the tables of another database file from now on (the thelook tables as of another date): registers
     * them, then swaps the connection in; the earlier query results are gone with the earlier database.
     */
    void reload(Path file, DuckDbSettings settings) {
        DuckDBConnection previous = connection;
        synchronized (anonLock) {
            tables.clear();
            connection = openAndRegister(file, settings);
        }
        try {
            synchronized (previous) {
                previous.close();
            }
        } catch (SQLException e) {
            throw new InfrastructureException("Cannot close the earlier LocalBigQuery database: " + e.getMessage(), e);
        }
    }

    private DuckDBConnection openAndRegister(Path file, DuckDbSettings settings) {
        try {
            DuckDBConnection raw = DuckDb.open(file, false, settings);
            try (Statement statement = raw.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute(SqlText.createSchema(ANON_SCHEMA));
                // Queries are user input: they may read the served tables, nothing on disk.
                statement.execute("SET enable_external_access = false");
            }
            long now = System.currentTimeMillis();
            for (Table table : Table.values()) {
                List<BqField> fields = new ArrayList<>();
                for (Column column : table.columns()) {
                    fields.add(new BqField(column.name(), baseType(column)));
                }
                register(
                        raw,
                        new TableRef(project, dataset, table.sqlName()),
                        SqlText.table("main", table.sqlName()),
                        fields,
                        SqlText.identifier(table.key()),
                        now);
            }
            return raw;
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot open the LocalBigQuery database " + file + ": " + e.getMessage(), e);
        }
    }

    private static BqType baseType(Column column) {
        return switch (column.type()) {
            case BIGINT -> BqType.INT64;
            case DOUBLE -> BqType.FLOAT64;
            case TIMESTAMPTZ -> BqType.TIMESTAMP;
            case VARCHAR -> GEOGRAPHY_COLUMNS.contains(column.name()) ? BqType.GEOGRAPHY : BqType.STRING;
        };
    }

    String project() {
        return project;
    }

    String dataset() {
        return dataset;
    }

    /** A new connection to the database, in UTC; the caller closes it. */
    DuckDBConnection connect() throws SQLException {
        DuckDBConnection own;
        synchronized (connection) {
            own = DuckDb.duplicate(connection);
        }
        try (Statement statement = own.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        return own;
    }

    /** Measures a table (rows, bytes per column) and adds it to the registry. */
    private TableMeta register(
            Connection on, TableRef ref, String duckName, List<BqField> fields, String orderBy, long created)
            throws SQLException {
        long rows;
        List<Long> bytes = new ArrayList<>();
        try (Statement statement = on.createStatement();
                ResultSet rs = statement.executeQuery(SqlText.tableStats(duckName, fields))) {
            rs.next();
            rows = rs.getLong(1);
            for (int i = 0; i < fields.size(); i++) {
                bytes.add(rs.getLong(i + 2));
            }
        }
        TableMeta meta = new TableMeta(ref, duckName, List.copyOf(fields), rows, List.copyOf(bytes), orderBy, created);
        tables.put(ref, meta);
        return meta;
    }

    /** The table, or a notFound error worded as BigQuery words it. */
    TableMeta require(TableRef ref) {
        TableMeta table = tables.get(ref);
        if (table != null) {
            return table;
        }
        if (!datasetExists(ref.project(), ref.dataset())) {
            throw BigQueryApiException.notFound("Not found: Dataset " + ref.project() + ":" + ref.dataset()
                    + " was not found in location " + LOCATION);
        }
        throw BigQueryApiException.notFound(
                "Not found: Table " + ref.display() + " was not found in location " + LOCATION);
    }

    private boolean datasetExists(String inProject, String name) {
        return (project.equals(inProject) && dataset.equals(name))
                || (ANON_DATASET.equals(name)
                        && tables.keySet().stream()
                                .anyMatch(r -> r.project().equals(inProject)
                                        && r.dataset().equals(ANON_DATASET)));
    }

    private boolean isKnownDataset(String name) {
        return dataset.equals(name) || ANON_DATASET.equals(name);
    }

    @Override
    public Optional<TableMeta> resolve(List<String> parts, boolean explicit) {
        if (parts.size() == 3 && (explicit || isKnownDataset(parts.get(1)))) {
            return Optional.of(require(new TableRef(parts.get(0), parts.get(1), parts.get(2))));
        }
        if (parts.size() == 2 && (explicit || isKnownDataset(parts.get(0)))) {
            if (ANON_DATASET.equals(parts.get(0))) {
                return Optional.of(tables.values().stream()
                        .filter(t -> t.ref().dataset().equals(ANON_DATASET)
                                && t.ref().table().equals(parts.get(1)))
                        .findFirst()
                        .orElseThrow(() -> BigQueryApiException.notFound("Not found: Table " + ANON_DATASET + "."
                                + parts.get(1) + " was not found in location " + LOCATION)));
            }
            return Optional.of(require(new TableRef(project, parts.get(0), parts.get(1))));
        }
        if (parts.size() > 3 && explicit) {
            throw BigQueryApiException.invalidQuery("Invalid table name: " + String.join(".", parts));
        }
        return Optional.empty();
    }

    @Override
    public Optional<TableMeta> baseTable(String name) {
        return Optional.ofNullable(tables.get(new TableRef(project, dataset, name)));
    }

    /**
     * Stores a query's result as the anonymous table {@code project._anon_local.anon_<job>}: creates it from
     * the query (keeping the query's row order), renames columns to BigQuery names and converts types to
     * BigQuery types.
     */
    TableMeta materialize(String jobProject, String jobId, String sql, List<QueryEngine.ResultColumn> columns)
            throws SQLException {
        String duckName = SqlText.table(ANON_SCHEMA, "r" + anonSequence.incrementAndGet());
        String tableId = "anon_" + jobId.replaceAll("[^A-Za-z0-9_]", "_");
        synchronized (anonLock) { // DDL one job at a time: DuckDB catalogue changes conflict otherwise
            try (DuckDBConnection own = connect();
                    Statement statement = own.createStatement()) {
                statement.execute(SqlText.createTableAs(duckName, sql));
                for (QueryEngine.ResultColumn column : columns) {
                    String name = column.field().name();
                    if (!column.duckName().equals(name)) {
                        statement.execute(SqlText.renameColumn(duckName, column.duckName(), name));
                    }
                    if (!column.duckType().equals(column.field().type().duckType())) {
                        statement.execute(SqlText.convertColumn(
                                duckName, name, column.field().type()));
                    }
                }
                return register(
                        own,
                        new TableRef(jobProject, ANON_DATASET, tableId),
                        duckName,
                        columns.stream().map(QueryEngine.ResultColumn::field).toList(),
                        "rowid",
                        System.currentTimeMillis());
            }
        }
    }

    /** The GEOGRAPHY column names of the thelook tables. */
    static Set<String> geographyColumns() {
        return GEOGRAPHY_COLUMNS;
    }

    @Override
    public void close() {
        try {
            synchronized (connection) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new InfrastructureException("Cannot close the LocalBigQuery database: " + e.getMessage(), e);
        }
    }
}
