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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * MotherDuck ({@code md:<name>}) or any DuckDB database file. A separate DuckDB connection attaches the target and
 * changes it in one transaction for all tables: a failure changes nothing, a re-run never duplicates rows.
 *
 * <p>{@code replace} (the default) transfers only what changed: per table, DuckDB computes on each side the rows
 * and a digest ({@code count(*)}, {@code sum(hash(<every column>))}) per month of {@code created_at} (UTC), of the
 * warehouse's rows to sink (rejected rows left out) and of the target's table (on MotherDuck, remotely); the months
 * that differ, or are on one side only, are deleted from the target and inserted from a Parquet file staged with
 * just their rows. Whatever happened before (a failed sink, several ingests, validation moving rows), the target
 * then holds exactly the warehouse's rows. A table without {@code created_at} is one group: kept when equal, else
 * rewritten. A missing table, or one with other columns, is replaced whole. {@code upsert} stages every row and
 * replaces rows by primary key.
 *
 * <p>The staged files are deleted when the run ends, and those of a killed run when the next one starts. The
 * MotherDuck token is a DuckDB setting, never part of a URL, SQL text or message.
 */
public record MotherDuckDestination(MotherDuckDestinationSpec spec) implements Destination {

    private static final String TARGET = "sink_target";

    /** The group of rows without {@code created_at}: no month starts one microsecond before the epoch. */
    private static final long NO_MONTH = -1;

    private static final String CREATED_AT = "created_at";

    @Override
    public void write(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        SinkFiles.staging(spec.stagingDirectory(), () -> load(warehouse, tables, runId, listener));
    }

    private void load(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        List<OutputFile> written = new ArrayList<>();
        try (Connection connection = DuckDb.inMemory(warehouse.settings())) {
            attach(connection);
            Map<Table, List<String>> expected = expectedColumns(connection, tables);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // Digests are read in the transaction that applies the changes: what it changes is what it compared.
                for (Table table : tables) {
                    long start = System.nanoTime();
                    written.add(
                            spec.mode() == WriteMode.REPLACE
                                    ? replaceChanged(warehouse, statement, table, expected.get(table), runId, start)
                                    : upsert(warehouse, statement, table, runId, start));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot write to the " + describe() + " " + spec.database() + ": " + e.getMessage(), e);
        }
        written.forEach(listener::written);
    }

    private String target(Table table) {
        return Sql.identifier(TARGET) + ".main." + Sql.identifier(table.sqlName());
    }

    private static String columns(Table table) {
        return table.columns().stream().map(c -> Sql.identifier(c.name())).collect(Collectors.joining(", "));
    }

    private static String fromParquet(Table table, Path parquet) {
        return "SELECT " + columns(table) + " FROM read_parquet(" + Sql.literal(parquet) + ")";
    }

    private static boolean hasCreatedAt(Table table) {
        return table.columns().stream().anyMatch(c -> c.name().equals(CREATED_AT));
    }

    /** Per table, {@code <name> <type>} of each column as DuckDB's catalogue names it. */
    private static Map<Table, List<String>> expectedColumns(Connection connection, List<Table> tables)
            throws SQLException {
        Map<Table, List<String>> expected = new EnumMap<>(Table.class);
        try (Statement statement = connection.createStatement()) {
            for (Table table : tables) {
                String types = table.columns().stream()
                        .map(c -> "typeof(CAST(NULL AS " + c.type().sql() + "))")
                        .collect(Collectors.joining(", "));
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT " + types)) {
                    rs.next();
                    for (int i = 0; i < table.columns().size(); i++) {
                        columns.add(table.columns().get(i).name() + " " + rs.getString(i + 1));
                    }
                }
                expected.put(table, columns);
            }
        }
        return expected;
    }

    /** {@code <name> <type>} of each column of the target's table, in order; empty when it has no such table. */
    private static List<String> targetColumns(Statement statement, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_catalog = " + Sql.literal(TARGET) + " AND table_schema = 'main' AND table_name = "
                + Sql.literal(table.sqlName()) + " ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return columns;
    }

    /** A row's group: its month's first microsecond (UTC, whatever the session's time zone), or one group. */
    private static String group(Table table) {
        if (!hasCreatedAt(table)) {
            return "0";
        }
        String createdAt = Sql.identifier(CREATED_AT);
        return "coalesce(epoch_us(date_trunc('month', make_timestamp(epoch_us(" + createdAt + ")))), " + NO_MONTH + ")";
    }

    /** A group's digest: its rows and the sum of every row's hash, as text. */
    private static String digest(Table table) {
        return "count(*) || ':' || coalesce(sum(hash(" + columns(table) + ")), 0)";
    }

    private OutputFile replaceChanged(
            Warehouse warehouse, Statement statement, Table table, List<String> expected, String runId, long start)
            throws SQLException {
        String target = target(table);
        List<String> existing = targetColumns(statement, table);
        if (!existing.equals(expected)) {
            long before = existing.isEmpty() ? 0 : count(statement, "SELECT count(*) FROM " + target);
            AtomicFiles.Written file = stage(warehouse, table, "true", runId);
            statement.execute("CREATE OR REPLACE TABLE " + target + " AS " + fromParquet(table, file.path()));
            long inserted = count(statement, "SELECT count(*) FROM " + target);
            return output(table, file, start, new TableChanges(true, inserted, before, List.of(), 0));
        }
        Map<Long, String> source = warehouse.exportDigests(table, group(table), digest(table));
        Map<Long, String> present = new HashMap<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT " + group(table) + ", " + digest(table) + " FROM " + target + " GROUP BY 1")) {
            while (rs.next()) {
                present.put(rs.getLong(1), rs.getString(2));
            }
        }
        TreeSet<Long> changed = new TreeSet<>();
        source.forEach((month, digest) -> {
            if (!digest.equals(present.get(month))) {
                changed.add(month);
            }
        });
        present.keySet().stream().filter(month -> !source.containsKey(month)).forEach(changed::add);
        int kept =
                (int) source.keySet().stream().filter(m -> !changed.contains(m)).count();
        if (changed.isEmpty()) {
            return output(table, null, start, new TableChanges(false, 0, 0, List.of(), kept));
        }
        String condition = condition(table, changed);
        AtomicFiles.Written file = stage(warehouse, table, condition, runId);
        long deleted = statement.executeUpdate("DELETE FROM " + target + " t WHERE " + condition);
        long inserted = statement.executeUpdate(
                "INSERT INTO " + target + " (" + columns(table) + ") " + fromParquet(table, file.path()));
        List<String> months = changed.stream()
                .map(m -> hasCreatedAt(table) ? month(m) : "all")
                .toList();
        return output(table, file, start, new TableChanges(false, inserted, deleted, months, kept));
    }

    /** The rows of the changed groups, over {@code t.<column>}: ranges of consecutive months, rows without one. */
    private static String condition(Table table, SortedSet<Long> changed) {
        if (!hasCreatedAt(table)) {
            return "true";
        }
        String createdAt = "t." + Sql.identifier(CREATED_AT);
        List<String> parts = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        for (long month : changed) {
            if (month == NO_MONTH) {
                parts.add(createdAt + " IS NULL");
                continue;
            }
            Instant start = Instant.EPOCH.plus(month, ChronoUnit.MICROS);
            if (!start.equals(to)) {
                if (from != null) {
                    parts.add(range(createdAt, from, to));
                }
                from = start;
            }
            to = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        }
        if (from != null) {
            parts.add(range(createdAt, from, to));
        }
        return String.join(" OR ", parts);
    }

    private static String range(String column, Instant from, Instant to) {
        return "(" + column + " >= " + Sql.timestamp(from) + " AND " + column + " < " + Sql.timestamp(to) + ")";
    }

    private static String month(long month) {
        return month == NO_MONTH
                ? "none"
                : YearMonth.from(Instant.EPOCH.plus(month, ChronoUnit.MICROS).atZone(ZoneOffset.UTC))
                        .toString();
    }

    private OutputFile upsert(Warehouse warehouse, Statement statement, Table table, String runId, long start)
            throws SQLException {
        AtomicFiles.Written file = stage(warehouse, table, "true", runId);
        String target = target(table);
        String source = fromParquet(table, file.path());
        String key = Sql.identifier(table.key());
        statement.execute("CREATE TABLE IF NOT EXISTS " + target + " AS " + source + " LIMIT 0");
        statement.execute("DELETE FROM " + target + " WHERE " + key + " IN (SELECT " + key + " FROM read_parquet("
                + Sql.literal(file.path()) + "))");
        statement.execute("INSERT INTO " + target + " (" + columns(table) + ") " + source);
        return output(table, file, start, null);
    }

    /** Stages the rows to sink that meet a condition (over {@code t.<column>}) as Parquet, rejected rows left out. */
    private AtomicFiles.Written stage(Warehouse warehouse, Table table, String condition, String runId) {
        Path parquet = AtomicFiles.resolveInside(
                spec.stagingDirectory(), table.sqlName() + "." + FileFormat.PARQUET.extension());
        return AtomicFiles.write(
                parquet,
                runId,
                temporary -> warehouse.copyTo(table, temporary, FileFormat.PARQUET.copyOptions(), condition));
    }

    private OutputFile output(Table table, AtomicFiles.Written file, long start, TableChanges changes) {
        return new OutputFile(
                DestinationKind.MOTHERDUCK,
                table,
                FileFormat.PARQUET,
                spec.database() + "#" + table.sqlName(),
                file == null ? 0 : file.bytes(),
                file == null ? null : file.sha256(),
                OutputFile.since(start),
                changes);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
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

    private String describe() {
        return spec.motherDuck() ? "MotherDuck database" : "DuckDB database";
    }
}
