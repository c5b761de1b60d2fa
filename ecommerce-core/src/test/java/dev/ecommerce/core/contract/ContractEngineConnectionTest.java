package dev.ecommerce.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract engine's own connection has the warehouse's DuckDB settings and policy. */
class ContractEngineConnectionTest {

    @TempDir
    Path dir;

    @Test
    void theEnginesConnectionHasTheWarehousesSettings() throws Exception {
        DuckDbSettings settings = new DuckDbSettings("300MB", 1, dir.resolve("tmp"));
        Path file = dir.resolve("warehouse.duckdb");
        try (Warehouse warehouse = Warehouse.openForWrite(file, settings);
                Load load = warehouse.beginLoad(List.of(Table.values()))) {
            new dev.ecommerce.core.source.thelook.ThelookGenerator(Fixtures.generator(1, 0.001, 1))
                    .generate(EnumSet.allOf(Table.class), load::append);
            load.commit();
        }
        // validate holds the warehouse open for update and joins it; a reader opens it read-only
        try (Warehouse warehouse = Warehouse.openForUpdate(file, settings)) {
            assertSettings(warehouse, dir.resolve("tmp"));
        }
        try (Warehouse warehouse = Warehouse.openForRead(file, settings)) {
            assertSettings(warehouse, dir.resolve("tmp"));
            try (ContractEngine engine = ContractEngine.create()) {
                assertThat(engine.check(warehouse, Table.USERS).rowsChecked()).isEqualTo(100);
            }
        }
    }

    private static void assertSettings(Warehouse warehouse, Path temp) throws Exception {
        try (Connection connection = ContractEngine.openReadOnly(warehouse);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('autoinstall_known_extensions'),"
                        + " current_setting('memory_limit'), current_setting('threads'),"
                        + " current_setting('temp_directory')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("false");
            assertThat(rs.getString(2)).isEqualTo("286.1 MiB"); // 300MB = 3 * 10^8 bytes
            assertThat(rs.getString(3)).isEqualTo("1");
            assertThat(rs.getString(4)).isEqualTo(temp.toAbsolutePath().toString());
        }
    }
}
