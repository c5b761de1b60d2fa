package dev.ecommerce.core.transform.dbt;

import dev.ecommerce.core.InfrastructureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way the core runs an external tool: an explicit command, working folder and environment (the
 * process inherits nothing else), standard error merged into standard output, streamed line by line.
 */
public final class ProcessRunner {

    private ProcessRunner() {}

    /**
     * Runs {@code command} to its end.
     *
     * @param environment the process's whole environment; secrets go here, never into {@code command}
     * @return the exit code
     * @throws InfrastructureException when the process cannot start or is interrupted, naming the command
     */
    public static int run(
            List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
            return process.waitFor();
        } catch (IOException e) {
            process.destroy();
            throw new InfrastructureException("Cannot read the output of " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
