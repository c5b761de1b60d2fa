package dev.ecommerce.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.MotherDuckDestinationSpec;
import dev.ecommerce.core.config.MotherDuckDestinationSpec.WriteMode;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.RunManifest;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MotherDuck destination's code path against a local DuckDB file: create, replace, re-run, upsert. */
class MotherDuckDestinationTest {

    private static final List<Table> TABLES = List.of(Table.USERS, Table.ORDERS, Table.DISTRIBUTION_CENTERS);

    @TempDir
    static Path shared;

    private static Path work;

    @TempDir
    Path dir;

    @BeforeAll
    static void ingest() {
        work = shared.resolve("work");
        Fixtures.ingest(work, 0.01);
    }

    private Pipeline.SinkResult sink(Path target, WriteMode mode, Path workDirectory) {
        return Pipeline.sink(
                new SinkSpec(
                        workDirectory,
                        workDirectory.resolve("warehouse.duckdb"),
                        TABLES,
                        List.of(new MotherDuckDestinationSpec(
                                target.toString(), null, mode, workDirectory.resolve("staging/motherduck")))),
                ProgressListener.NONE);
    }

    @Test
    void stagedFilesAreDeletedAfterTheRunAndThoseOfAKilledRunBeforeIt() throws Exception {
        Path staging = work.resolve("staging/motherduck");
        Files.createDirectories(staging);
        // What a run killed during staging leaves: a whole staged file and a temporary one.
        Files.writeString(staging.resolve("orders.parquet"), "old");
        Files.writeString(staging.resolve(".users.parquet.4a1f.tmp"), "");
        Files.writeString(staging.resolve("notes.txt"), "not ours");

        sink(dir.resolve("staged.duckdb"), WriteMode.REPLACE, work);

        try (var left = Files.list(staging)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        Files.delete(staging.resolve("notes.txt"));
    }

    @Test
    void createsEveryTableWithTheWarehousesRows() throws Exception {
        Path target = dir.resolve("remote/analytics.duckdb");

        Pipeline.SinkResult result = sink(target, WriteMode.REPLACE, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            statement.execute("ATTACH '" + target + "' AS t (READ_ONLY)");
            statement.execute("ATTACH '" + work.resolve("warehouse.duckdb") + "' AS w (READ_ONLY)");
            for (Table table : TABLES) {
                long rows = count(statement, "SELECT count(*) FROM w." + table.sqlName());
                assertThat(count(statement, "SELECT count(*) FROM t." + table.sqlName()))
                        .as(table.sqlName())
                        .isEqualTo(rows)
                        .isPositive();
                assertThat(count(
                                statement,
                                "SELECT count(*) FROM (SELECT * FROM t." + table.sqlName()
                                        + " EXCEPT ALL SELECT * FROM w." + table.sqlName() + ")"))
                        .isZero();
            }
            // Types survive the trip: timestamps stay TIMESTAMP WITH TIME ZONE.
            assertThat(string(
                            statement,
                            "SELECT data_type FROM information_schema.columns WHERE table_catalog = 't'"
                                    + " AND table_name = 'users' AND column_name = 'created_at'"))
                    .isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
        assertThat(result.files())
                .extracting(OutputFile::location)
                .containsExactly(target + "#users", target + "#orders", target + "#distribution_centers");
        assertThat(RunManifest.read(work).orElseThrow().sink().destinations())
                .containsExactly(new RunManifest.DestinationEntry("md", "succeeded", null));
    }

    @Test
    void aRerunReplacesInsteadOfAppending() throws Exception {
        Path target = dir.resolve("analytics.duckdb");
        sink(target, WriteMode.REPLACE, work);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            statement.execute("DELETE FROM users WHERE id % 2 = 0");
            statement.execute("INSERT INTO distribution_centers (id, name) VALUES (999, 'stray')");
        }

        sink(target, WriteMode.REPLACE, work);
        sink(target, WriteMode.REPLACE, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(1_000);
            assertThat(count(statement, "SELECT count(DISTINCT id) FROM users")).isEqualTo(1_000);
            assertThat(count(statement, "SELECT count(*) FROM distribution_centers"))
                    .isEqualTo(10);
        }
    }

    @Test
    void upsertReplacesRowsByPrimaryKeyAndKeepsTheOthers() throws Exception {
        Path target = dir.resolve("analytics.duckdb");
        sink(target, WriteMode.UPSERT, work); // creates the tables
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            statement.execute("UPDATE users SET first_name = 'Changed' WHERE id = 1");
            statement.execute("INSERT INTO distribution_centers (id, name) VALUES (999, 'kept')");
        }

        sink(target, WriteMode.UPSERT, work);
        sink(target, WriteMode.UPSERT, work);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(1_000);
            assertThat(string(statement, "SELECT first_name FROM users WHERE id = 1"))
                    .isNotEqualTo("Changed");
            assertThat(count(statement, "SELECT count(*) FROM distribution_centers"))
                    .isEqualTo(11);
            assertThat(string(statement, "SELECT name FROM distribution_centers WHERE id = 999"))
                    .isEqualTo("kept");
        }
    }

    @Test
    void rejectedRowsAreLeftOut() throws Exception {
        Path copy = dir.resolve("work");
        Fixtures.ingest(copy, 0.01);
        try (Warehouse warehouse = Warehouse.openForUpdate(copy.resolve("warehouse.duckdb"))) {
            Map<Long, String> reasons = new HashMap<>(); // markRejected looks up the NULL key too
            reasons.put(1L, "age Min: too young");
            reasons.put(2L, "email Email: not an email");
            warehouse.markRejected(Table.USERS, reasons);
        }
        Path target = dir.resolve("analytics.duckdb");

        sink(target, WriteMode.REPLACE, copy);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + target);
                Statement statement = duck.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM users")).isEqualTo(998);
            assertThat(count(statement, "SELECT count(*) FROM users WHERE id IN (1, 2)"))
                    .isZero();
        }
    }

    @Test
    void motherDuckWithoutTheExtensionSaysHowToInstallIt() {
        String token = "fake-motherduck-token-4711";
        SinkSpec spec = new SinkSpec(
                work,
                work.resolve("warehouse.duckdb"),
                List.of(Table.DISTRIBUTION_CENTERS),
                List.of(new MotherDuckDestinationSpec(
                        "md:ecommerce", Secret.of(token), WriteMode.REPLACE, dir.resolve("staging"))));

        assertThatThrownBy(() -> Pipeline.sink(spec, ProgressListener.NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The DuckDB motherduck extension is not installed, so md:ecommerce cannot be"
                        + " reached: install it once where there is network (duckdb -c 'INSTALL motherduck'")
                .hasMessageContaining(Setting.MOTHERDUCK_DATABASE.ref())
                .hasMessageNotContaining(token);
        RunManifest.DestinationEntry entry =
                RunManifest.read(work).orElseThrow().sink().destinations().get(0);
        assertThat(entry.status()).isEqualTo("failed");
        assertThat(entry.error()).contains("INSTALL motherduck").doesNotContain(token);
    }

    @Test
    void theDatabaseNameIsCheckedAndTheTokenIsMasked() {
        assertThatThrownBy(() -> new MotherDuckDestinationSpec("md:my db", null, null, dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.MOTHERDUCK_DATABASE.ref() + " 'md:my db'");
        MotherDuckDestinationSpec spec = new MotherDuckDestinationSpec(null, Secret.of("tok-secret"), null, dir);
        assertThat(spec.database()).isEqualTo("md:ecommerce");
        assertThat(spec.mode()).isEqualTo(WriteMode.REPLACE);
        assertThat(spec.toString()).doesNotContain("tok-secret");
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
