package dev.ecommerce.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM on the test's classpath, for tests that kill a real process. */
public final class ForkedJvm {

    private ForkedJvm() {}

    /** Starts {@code main} with {@code args}; its stderr goes to {@code err}, its stdout is the process's input. */
    public static Process start(Class<?> main, Path err, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(err.toFile()).start();
    }
}
