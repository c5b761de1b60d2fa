package dev.ecommerce.core.transform.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.transform.project.Profile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform's database gets the plugin's DuckDB settings and never downloads an extension. */
class DatabaseSettingsTest {

    @TempDir
    Path dir;

    private static Profile profile(String path, Map<String, String> settings, List<String> extensions) {
        return new Profile("local", path, "main", 1, settings, extensions, null, null);
    }

    private static Map<String, Object> settings(Database database) throws Exception {
        return database.rows(
                        "SELECT current_setting('autoinstall_known_extensions') AS autoinstall,"
                                + " current_setting('memory_limit') AS memory_limit,"
                                + " current_setting('threads') AS threads,"
                                + " current_setting('temp_directory') AS temp_directory",
                        1)
                .get(0);
    }

    @Test
    void theTargetsDatabaseGetsTheSettings() throws Exception {
        DuckDbSettings duckDb = new DuckDbSettings("256MiB", 1, dir.resolve("tmp"));
        try (Database database = Database.open(profile("t.duckdb", Map.of(), List.of()), dir, Map.of(), duckDb)) {
            assertThat(settings(database))
                    .containsEntry("autoinstall", false)
                    .containsEntry("memory_limit", "256.0 MiB")
                    .containsEntry("threads", 1L)
                    .containsEntry(
                            "temp_directory",
                            dir.resolve("tmp").toAbsolutePath().toString());
        }
        try (Database database = Database.open(profile(":memory:", Map.of(), List.of()), dir, Map.of(), duckDb)) {
            assertThat(settings(database)).containsEntry("autoinstall", false).containsEntry("threads", 1L);
        }
    }

    @Test
    void aProfilesOwnSettingsWin() throws Exception {
        DuckDbSettings duckDb = new DuckDbSettings("256MiB", 1, dir.resolve("tmp"));
        Profile profile = profile("t.duckdb", Map.of("memory_limit", "128MiB", "threads", "2"), List.of());
        try (Database database = Database.open(profile, dir, Map.of(), duckDb)) {
            assertThat(settings(database))
                    .containsEntry("autoinstall", false)
                    .containsEntry("memory_limit", "128.0 MiB")
                    .containsEntry("threads", 2L);
        }
    }

    @Test
    void aProfileCannotTurnExtensionDownloadsOn() {
        Profile profile = profile("t.duckdb", Map.of("autoinstall_known_extensions", "true"), List.of());
        assertThatThrownBy(() -> Database.open(profile, dir, Map.of(), DuckDbSettings.DEFAULTS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("profiles.yml target local sets autoinstall_known_extensions: the plugin never"
                        + " lets DuckDB download extensions");
    }

    @Test
    void aMissingExtensionIsNamedNotDownloaded() {
        Profile profile = profile("t.duckdb", Map.of(), List.of("spatial"));
        assertThatThrownBy(() -> Database.open(profile, dir, Map.of(), DuckDbSettings.DEFAULTS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The DuckDB extension spatial (extensions: of profiles.yml target local) is not"
                        + " installed: install it once where there is network (duckdb -c 'INSTALL spatial')")
                .message()
                .doesNotContainIgnoringCase("download extension")
                .doesNotContainIgnoringCase("http");
    }

    @Test
    void motherDuckWithoutItsExtensionIsTheClearError() {
        Profile profile = new Profile("prod", "md:nowhere", "main", 1, Map.of(), List.of(), null, null);
        assertThatThrownBy(() -> Database.open(profile, dir, Map.of("MOTHERDUCK_TOKEN", "t"), DuckDbSettings.DEFAULTS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The DuckDB motherduck extension is not installed, so md:nowhere (profiles.yml"
                        + " target prod) cannot be reached: install it once where there is network")
                .message()
                .doesNotContainIgnoringCase("download")
                .doesNotContainIgnoringCase("http");
    }
}
