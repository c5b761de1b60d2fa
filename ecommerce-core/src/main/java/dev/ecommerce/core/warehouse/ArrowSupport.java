package dev.ecommerce.core.warehouse;

import java.nio.Buffer;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Whether Arrow can run in this JVM. Arrow's memory layer needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, which a Maven plugin cannot set for Maven's own JVM;
 * a project sets it in {@code .mvn/jvm.config} (or {@code MAVEN_OPTS}). Without it, loads use the Appender.
 */
final class ArrowSupport {

    static final String JVM_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    private static final Optional<String> UNAVAILABLE = probe();

    private ArrowSupport() {}

    private static Optional<String> probe() {
        // Check first, so that Arrow's own initialisation never runs (and logs a stack trace) without it.
        if (!Buffer.class.getModule().isOpen("java.nio", ArrowSupport.class.getModule())) {
            return Optional.of("java.base does not open java.nio to this code");
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            allocator.buffer(8).close();
            return Optional.empty();
        } catch (Throwable e) { // ExceptionInInitializerError, NoClassDefFoundError, RuntimeException
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    static boolean available() {
        return UNAVAILABLE.isEmpty();
    }
}
