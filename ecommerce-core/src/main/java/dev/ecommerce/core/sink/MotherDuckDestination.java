package dev.ecommerce.core.sink;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.MotherDuckDestinationSpec;
import dev.ecommerce.core.config.MotherDuckDestinationSpec.WriteMode;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.DuckDb;
import dev.ecommerce.core.warehouse.Sql;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MotherDuck ({@code md:<name>}) or any DuckDB database file. DuckDB writes each table as Parquet into the
 * staging folder (rejected rows left out), then a separate DuckDB connection attaches the target and, in one
 * transaction, replaces every table or upserts its rows by primary key: a re-run never duplicates rows, and a
 * failure changes nothing. The staged files are deleted when the run ends, and those of a killed run when the next
 * one starts. The MotherDuck token is a DuckDB setting, never part of a URL, SQL text or message.
 */
public record MotherDuckDestination(MotherDuckDestinationSpec spec) implements Destination {

    private static final String TARGET = "sink_target";

    @Override
    public void write(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        SinkFiles.staging(spec.stagingDirectory(), () -> load(warehouse, tables, runId, listener));
    }

    private void load(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        List<AtomicFiles.Written> staged = new ArrayList<>();
        double[] seconds = new double[tables.size()]; // per table: staging its file, then its statements
        for (Table table : tables) {
            long start = System.nanoTime();
            staged.add(
                    LocalFilesDestination.export(warehouse, table, FileFormat.PARQUET, spec.stagingDirectory(), runId));
            seconds[staged.size() - 1] = OutputFile.since(start);
        }
        try (Connection connection = DuckDb.inMemory(warehouse.settings())) {
            attach(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < tables.size(); i++) {
                    long start = System.nanoTime();
                    for (String sql : statements(tables.get(i), staged.get(i).path())) {
                        statement.execute(sql);
                    }
                    seconds[i] += OutputFile.since(start);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot write to the " + describe() + " " + spec.database() + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < tables.size(); i++) {
            AtomicFiles.Written file = staged.get(i);
            listener.written(new OutputFile(
                    DestinationKind.MOTHERDUCK,
                    tables.get(i),
                    FileFormat.PARQUET,
                    spec.database() + "#" + tables.get(i).sqlName(),
                    file.bytes(),
                    file.sha256(),
                    seconds[i]));
        }
    }

    private void attach(Connection connection) throws SQLException {
        String target = spec.database();
        if (spec.motherDuck()) {
            try (Statement statement = connection.createStatement()) {
                // No download during a build (DuckDb's policy): the extension is installed once, on purpose.
                statement.execute("LOAD motherduck");
            } catch (SQLException e) {
                // DuckDB says "... not found ... Install it first"; anything else (a build for another DuckDB
                // version, a damaged file) is named with DuckDB's own first line.
                String state = DuckDb.extensionState(e);
                throw new ConfigurationException(
                        "The DuckDB motherduck extension " + state + ", so "
                                + spec.database() + " cannot be reached: install it once where there is network"
                                + " (duckdb -c 'INSTALL motherduck', or INSTALL motherduck in any DuckDB), or set"
                                + " " + Setting.MOTHERDUCK_DATABASE.ref() + " to the path of a DuckDB file.",
                        e);
            }
            if (spec.token() == null) {
                throw new ConfigurationException("No MotherDuck token: set MOTHERDUCK_TOKEN (environment or .env) or"
                        + " the <password> of the settings.xml server named by " + Setting.MOTHERDUCK_SERVER_ID.ref()
                        + ".");
            }
            try (PreparedStatement set = connection.prepareStatement("SET motherduck_token = ?")) {
                set.setString(1, spec.token().reveal());
                set.execute();
            } catch (SQLException e) {
                throw new InfrastructureException("Cannot pass the MotherDuck token to DuckDB", null);
            }
        } else {
            try {
                Path parent = Path.of(target).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                target = Path.of(target).toAbsolutePath().toString();
            } catch (java.io.IOException e) {
                throw new InfrastructureException("Cannot create the folder of " + target, e);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH " + Sql.literal(target) + " AS " + Sql.identifier(TARGET));
        } catch (SQLException e) {
            if (spec.motherDuck()) {
                throw new ConfigurationException(
                        "Cannot attach " + spec.database() + ": " + e.getMessage()
                                + ". Check MOTHERDUCK_TOKEN or the settings.xml server of "
                                + Setting.MOTHERDUCK_SERVER_ID.ref() + ".",
                        e);
            }
            throw e;
        }
    }

    /** The SQL that writes one table from its staged Parquet file. */
    private List<String> statements(Table table, Path parquet) {
        String target = Sql.identifier(TARGET) + ".main." + Sql.identifier(table.sqlName());
        String columns =
                table.columns().stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", "));
        String source = "SELECT " + columns + " FROM read_parquet(" + Sql.literal(parquet) + ")";
        if (spec.mode() == WriteMode.REPLACE) {
            return List.of("CREATE OR REPLACE TABLE " + target + " AS " + source);
        }
        String key = Sql.identifier(table.key());
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + target + " AS " + source + " LIMIT 0",
                "DELETE FROM " + target + " WHERE " + key + " IN (SELECT " + key + " FROM read_parquet("
                        + Sql.literal(parquet) + "))",
                "INSERT INTO " + target + " (" + columns + ") " + source);
    }

    private String describe() {
        return spec.motherDuck() ? "MotherDuck database" : "DuckDB database";
    }
}
