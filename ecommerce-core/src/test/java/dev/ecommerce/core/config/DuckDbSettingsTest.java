package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuckDbSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2GB", "1.5GiB", "512MB", "512 MiB", "4tb", "64MiB", "25%", "100%"})
    void acceptsDuckDbSizesAndShares(String limit) {
        assertThat(new DuckDbSettings(limit, null, null).memoryLimit()).isEqualTo(limit.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "2 G B", "-1GB", "0%", "150%", "GB", "1,5GB", "100000000", "10MB", "63MiB"})
    void aBadMemoryLimitNamesTheSetting(String limit) {
        assertThatThrownBy(() -> new DuckDbSettings(limit, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.DUCKDB_MEMORY_LIMIT.ref())
                .hasMessageContaining("'" + limit + "'");
    }

    @Test
    void aBadThreadCountNamesTheSetting() {
        assertThatThrownBy(() -> new DuckDbSettings(null, 0, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Setting.DUCKDB_THREADS.ref() + " must be at least 1 (got 0)");
    }

    @Test
    void aShareBecomesASizeOfPhysicalMemory() {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        assertThat(new DuckDbSettings("50%", null, null).duckDbMemoryLimit())
                .isEqualTo(total / 2 / (1024 * 1024) + "MiB");
        assertThat(new DuckDbSettings("2GB", null, null).duckDbMemoryLimit()).isEqualTo("2GB");
        assertThat(new DuckDbSettings(" ", null, null).duckDbMemoryLimit()).isNull();
    }

    @Test
    void defaultsSpillUnderTheWorkDirectory() {
        DuckDbSettings defaults = DuckDbSettings.defaults(Path.of("target/ecommerce"));
        assertThat(defaults)
                .isEqualTo(
                        new DuckDbSettings(DuckDbSettings.DEFAULT_MEMORY_LIMIT, null, Path.of("target/ecommerce/tmp")));
        assertThat(new IngestSpec(Path.of("w"), Path.of("w/warehouse.duckdb"), java.util.List.of(), null).duckDb())
                .isEqualTo(DuckDbSettings.defaults(Path.of("w")));
    }
}
