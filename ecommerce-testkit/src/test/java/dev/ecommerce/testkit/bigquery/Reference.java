package dev.ecommerce.testkit.bigquery;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The expected data: the same generator spec ingested by the core's own pipeline into a DuckDB file, queried
 * directly with DuckDB.
 */
final class Reference implements AutoCloseable {

    static final GeneratorSpec SPEC = new GeneratorSpec(42, 0.01, GeneratorSpec.DEFAULT_ANCHOR, 2);

    private final Connection connection;

    private Reference(Connection connection) {
        this.connection = connection;
    }

    static Reference ingest(Path directory) throws SQLException {
        Path warehouse = directory.resolve("reference.duckdb");
        Pipeline.ingest(new IngestSpec(directory, warehouse, List.of(Table.values()), SPEC), ProgressListener.NONE);
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        }
        return new Reference(connection);
    }

    long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    double queryDouble(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    List<Long> queryLongs(String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                long value = rs.getLong(1);
                values.add(rs.wasNull() ? null : value);
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Rows of {@code table} in one warehouse file and not in the other, both ways ({@code EXCEPT ALL}). */
    static long difference(Path a, Path b, Table table) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = db.createStatement()) {
            statement.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
            statement.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
            String t = table.sqlName();
            try (ResultSet rs =
                    statement.executeQuery("SELECT (SELECT count(*) FROM (FROM a." + t + " EXCEPT ALL FROM b." + t
                            + ")) + (SELECT count(*) FROM (FROM b." + t + " EXCEPT ALL FROM a." + t + "))")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
