package dev.ecommerce.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /**
     * Reads the child's output until it prints a line starting with {@code STOPPED} (it reached the point where
     * it waits to be killed), then kills it with SIGKILL. Fails when the child ends without reaching it, is not
     * killed by the signal, or printed {@code DONE}.
     *
     * @return every line the child printed
     */
    public static List<String> killWhenStopped(Process child, Path err, String point)
            throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        boolean stopped = false;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; !stopped && (line = out.readLine()) != null; ) {
                lines.add(line);
                stopped = line.startsWith("STOPPED");
            }
            assertThat(stopped)
                    .as("the child reached '%s'; its output: %s; its errors: %s", point, lines, Files.readString(err))
                    .isTrue();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(lines).doesNotContain("DONE");
        return lines;
    }
}
