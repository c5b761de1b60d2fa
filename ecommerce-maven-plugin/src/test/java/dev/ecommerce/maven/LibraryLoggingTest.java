package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The levels the plugin gives the libraries' loggers before they exist; the real proof is the {@code -X} build of
 * the {@code debug-log-s3-forbidden} integration test.
 */
class LibraryLoggingTest {

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clearTheLevels() {
        LibraryLogging.LEVELS.keySet().forEach(name -> {
            String value = System.clearProperty(LibraryLogging.PREFIX + name);
            if (value != null) {
                saved.put(name, value);
            }
        });
    }

    @AfterEach
    void restoreTheLevels() {
        LibraryLogging.LEVELS.keySet().forEach(name -> System.clearProperty(LibraryLogging.PREFIX + name));
        saved.forEach((name, value) -> System.setProperty(LibraryLogging.PREFIX + name, value));
    }

    @Test
    void quietsTheWireLoggersButKeepsWhatTheUserSet() {
        System.setProperty(LibraryLogging.PREFIX + "io.grpc", "debug");

        assertThat(LibraryLogging.quiet(false))
                .contains("software.amazon.awssdk.http.auth.aws.internal.signer", "io.netty", "org.gaul")
                .doesNotContain("io.grpc");

        assertThat(System.getProperty(LibraryLogging.PREFIX + "software.amazon.awssdk.http.auth.aws.internal.signer"))
                .isEqualTo("info");
        assertThat(System.getProperty(LibraryLogging.PREFIX + "io.netty")).isEqualTo("info");
        assertThat(System.getProperty(LibraryLogging.PREFIX + "org.apache.http.wire"))
                .isEqualTo("off");
        assertThat(System.getProperty(LibraryLogging.PREFIX + "org.gaul")).isEqualTo("warn");
        assertThat(System.getProperty(LibraryLogging.PREFIX + "io.grpc")).isEqualTo("debug");
    }

    @Test
    void theWireLogSwitchLeavesEveryLevelAlone() {
        assertThat(LibraryLogging.quiet(true)).isEmpty();

        LibraryLogging.LEVELS
                .keySet()
                .forEach(name -> assertThat(System.getProperty(LibraryLogging.PREFIX + name))
                        .as(name)
                        .isNull());
    }
}
