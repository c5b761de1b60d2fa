package dev.ecommerce.core.transform.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.transform.project.Profile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's copy of the catalogue stays true to DuckDB's through every kind of statement. */
class RelationCatalogTest {

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(
                new Profile("local", ":memory:", "main", 1, Map.of(), List.of(), null, null),
                dir,
                Map.of(),
                DuckDbSettings.defaults(dir));
    }

    @Test
    void createsAndDropsAreAppliedWithoutReadingTheCatalogueAgain() throws Exception {
        try (Database database = open()) {
            database.execute("CREATE SCHEMA s");
            assertThat(database.relationType("s", "t")).isNull(); // reads the catalogue once
            database.execute("CREATE OR REPLACE TABLE \"s\".\"t\" AS SELECT 1 AS id");
            database.execute("CREATE OR REPLACE VIEW \"s\".\"v\" AS SELECT 1 AS id");
            assertThat(database.relationType("s", "t")).isEqualTo("BASE TABLE");
            assertThat(database.relationType("s", "v")).isEqualTo("VIEW");
            database.execute("DROP VIEW \"s\".\"v\"");
            assertThat(database.relationType("s", "v")).isNull();
            database.execute("CREATE OR REPLACE TEMP TABLE \"__dbt_tmp_t\" AS SELECT 1 AS id");
            assertThat(database.relationType("main", "__dbt_tmp_t")).isNull();
        }
    }

    @Test
    void aRollbackOtherDdlOrAFailureReadsTheCatalogueAgain() throws Exception {
        try (Database database = open()) {
            assertThat(database.relationType("main", "t")).isNull();
            database.execute("BEGIN TRANSACTION");
            database.execute("CREATE TABLE \"main\".\"t\" AS SELECT 1 AS id");
            assertThat(database.relationType("main", "t")).isEqualTo("BASE TABLE");
            database.execute("ROLLBACK");
            assertThat(database.relationType("main", "t")).as("rolled back").isNull();

            database.execute("CREATE TABLE \"main\".\"t\" AS SELECT 1 AS id");
            database.execute("ALTER TABLE \"main\".\"t\" RENAME TO u");
            assertThat(database.relationType("main", "t")).isNull();
            assertThat(database.relationType("main", "u")).isEqualTo("BASE TABLE");

            database.execute("CREATE TABLE main.w (id INTEGER); CREATE VIEW main.x AS SELECT 1 AS id");
            assertThat(database.relationType("main", "w")).isEqualTo("BASE TABLE");
            assertThat(database.relationType("main", "x")).isEqualTo("VIEW");

            assertThatThrownBy(() -> database.execute("CREATE TABLE \"main\".\"u\" AS SELECT 1 AS id"))
                    .isInstanceOf(SQLException.class);
            assertThat(database.relationType("main", "u")).isEqualTo("BASE TABLE");
            database.execute("DROP TABLE u"); // unqualified: not parsed, the copy is read again
            assertThat(database.relationType("main", "u")).isNull();
        }
    }
}
