package dev.ecommerce.testkit.bigquery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalBigQuery} and one {@link Reference} for all test classes of a test JVM (generating the data
 * is the slow part), started on first use and closed when the JVM exits. Registered with
 * {@code @ExtendWith}, it clears the server's faults and request log before each test, so tests do not see
 * each other's traffic.
 */
final class SharedLocalBigQuery implements BeforeEachCallback {

    private static final class Holder {
        static final LocalBigQuery SERVER;
        static final Reference REFERENCE;

        static {
            try {
                Path directory = Files.createTempDirectory("shared-local-bigquery");
                SERVER = LocalBigQuery.builder().generator(Reference.SPEC).start();
                REFERENCE = Reference.ingest(directory);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(directory)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void close(Path directory) {
        Holder.SERVER.close();
        try {
            Holder.REFERENCE.close();
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        } catch (SQLException | IOException e) {
            System.err.println("Could not clean up the shared reference warehouse: " + e);
        }
    }

    static LocalBigQuery server() {
        return Holder.SERVER;
    }

    static Reference reference() {
        return Holder.REFERENCE;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().faults().clear();
        server().clearRequests();
    }
}
