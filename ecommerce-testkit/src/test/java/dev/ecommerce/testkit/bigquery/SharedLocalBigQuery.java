package dev.ecommerce.testkit.bigquery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalBigQuery} and one {@link Reference} for all test classes of a test JVM (generating the data
 * is the slow part), started on first use and closed when the JVM exits. Registered with {@code @ExtendWith}
 * or {@code @RegisterExtension}, it clears the server's faults (releasing stalled responses) and request log
 * before each test, so tests do not see each other's traffic.
 *
 * <p>Registered in a static field, it also gives its test class a Storage Read client ({@link #read()}) and an
 * Arrow allocator ({@link #allocator()}), each opened on first use and closed after the class's last test; the
 * allocator's close fails the class if a test leaked Arrow memory.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedLocalBigQuery local = new SharedLocalBigQuery();
 * }</pre>
 */
final class SharedLocalBigQuery implements BeforeEachCallback, AfterAllCallback {

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

    private Clients.Read read;
    private BufferAllocator allocator;

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

    /** The test class's BigQueryReadClient on the shared server. */
    synchronized Clients.Read read() {
        if (read == null) {
            read = Clients.read(server());
        }
        return read;
    }

    /** The test class's Arrow allocator. */
    synchronized BufferAllocator allocator() {
        if (allocator == null) {
            allocator = new RootAllocator();
        }
        return allocator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().faults().clear();
        server().clearRequests();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (read != null) {
            read.close();
            read = null;
        }
        if (allocator != null) {
            allocator.close(); // throws if a test leaked Arrow memory
            allocator = null;
        }
    }
}
