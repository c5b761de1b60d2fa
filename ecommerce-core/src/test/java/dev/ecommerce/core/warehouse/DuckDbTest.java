package dev.ecommerce.core.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every DuckDB database of the core opens through {@link DuckDb}: no extension downloads, bounded memory. */
class DuckDbTest {

    @TempDir
    Path dir;

    /** The settings that matter, as DuckDB reports them. */
    static Map<String, String> settings(Connection connection) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('autoinstall_known_extensions'),"
                        + " current_setting('memory_limit'), current_setting('threads'),"
                        + " current_setting('temp_directory')")) {
            rs.next();
            settings.put("autoinstall_known_extensions", rs.getString(1));
            settings.put("memory_limit", rs.getString(2));
            settings.put("threads", rs.getString(3));
            settings.put("temp_directory", rs.getString(4));
        }
        return settings;
    }

    private DuckDbSettings custom() {
        return new DuckDbSettings("512MiB", 1, dir.resolve("work/tmp"));
    }

    private Map<String, String> expected() {
        return Map.of(
                "autoinstall_known_extensions", "false",
                "memory_limit", "512.0 MiB",
                "threads", "1",
                "temp_directory", dir.resolve("work/tmp").toAbsolutePath().toString());
    }

    @Test
    void everyWarehouseConnectionGetsThePolicyAndTheSettings() throws Exception {
        Path file = dir.resolve("warehouse.duckdb");
        try (Warehouse warehouse = Warehouse.openForWrite(file, custom());
                Load load = warehouse.beginLoad(List.of(Table.DISTRIBUTION_CENTERS))) {
            assertThat(settings(warehouse.connection())).containsExactlyInAnyOrderEntriesOf(expected());
            // The loaders' own connections (Arrow streams, one per table) are duplicates.
            try (Connection loader = DuckDb.duplicate(warehouse.connection())) {
                assertThat(settings(loader)).containsExactlyInAnyOrderEntriesOf(expected());
            }
            load.commit();
        }
        assertThat(dir.resolve("work/tmp")).isDirectory();
        try (Warehouse warehouse = Warehouse.openForRead(file, custom())) {
            assertThat(settings(warehouse.connection())).containsExactlyInAnyOrderEntriesOf(expected());
            assertThat(warehouse.settings()).isEqualTo(custom());
        }
        try (Warehouse warehouse = Warehouse.openForUpdate(file, custom())) {
            assertThat(settings(warehouse.connection())).containsExactlyInAnyOrderEntriesOf(expected());
        }
    }

    @Test
    void theDefaultsBoundMemoryAndNeverInstallExtensions() throws Exception {
        try (Warehouse warehouse = Warehouse.openForWrite(dir.resolve("w.duckdb"))) {
            assertThat(settings(warehouse.connection()))
                    .containsEntry("autoinstall_known_extensions", "false")
                    .containsEntry("memory_limit", "953.6 MiB") // 1GB = 10^9 bytes
                    .containsEntry(
                            "threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        DuckDbSettings defaults = DuckDbSettings.defaults(dir.resolve("work"));
        assertThat(defaults.memoryLimit()).isEqualTo("1GB");
        assertThat(defaults.threads()).isNull();
        assertThat(defaults.tempDirectory()).isEqualTo(dir.resolve("work/tmp"));
    }

    @Test
    void inMemoryDatabasesGetThePolicyAndTheSettings() throws Exception {
        try (Connection connection = DuckDb.inMemory(custom())) {
            assertThat(settings(connection)).containsExactlyInAnyOrderEntriesOf(expected());
        }
    }

    @Test
    void aMissingExtensionIsNotDownloaded() throws Exception {
        try (Connection connection = DuckDb.inMemory(custom());
                Statement statement = connection.createStatement()) {
            SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(
                    SQLException.class, () -> statement.execute("ATTACH 'md:nowhere'"));
            assertThat(DuckDb.extensionState(failure)).isEqualTo("is not installed");
            assertThat(failure.getMessage())
                    .doesNotContainIgnoringCase("download")
                    .doesNotContain("http");
        }
    }

    @Test
    void nothingElseOpensDuckDb() throws IOException {
        // The core's sources: every DuckDB database and connection comes through DuckDb.
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("DuckDb.java"))
                    .filter(f -> {
                        try {
                            String text = Files.readString(f);
                            return text.contains("DriverManager") || text.contains(".duplicate()");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }
}
