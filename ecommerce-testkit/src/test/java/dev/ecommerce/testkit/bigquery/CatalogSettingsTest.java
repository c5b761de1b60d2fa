package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local BigQuery server's DuckDB runs inside the build's JVM: it gets the core's policy and memory bounds. */
class CatalogSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theServersDatabaseGetsThePolicyAndTheMemoryBounds() throws Exception {
        Path file = dir.resolve("bigquery.duckdb");
        DuckDbSettings settings = new DuckDbSettings("300MB", 1, null);
        try (Warehouse warehouse = Warehouse.openForWrite(file, settings);
                Load load = warehouse.beginLoad(List.of(Table.values()))) {
            load.commit();
        }
        try (Catalog catalog = Catalog.open(file, "bigquery-public-data", "thelook_ecommerce", settings);
                DuckDBConnection connection = catalog.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('autoinstall_known_extensions'),"
                        + " current_setting('memory_limit'), current_setting('threads')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("false");
            assertThat(rs.getString(2)).isEqualTo("286.1 MiB");
            assertThat(rs.getString(3)).isEqualTo("1");
        }
    }
}
