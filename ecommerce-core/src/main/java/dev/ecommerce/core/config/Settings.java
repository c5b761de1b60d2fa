package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values of the {@link LegacyVariable}s, from the process environment and a {@code .env} file.
 *
 * <p>Precedence, highest first: a value set in the pom or with {@code -D} (Maven resolves those two:
 * an explicit pom value wins over {@code -D}), then the process environment, then the {@code .env} file,
 * then the built-in default. {@link #resolve} applies the middle two.
 */
public final class Settings {

    /** Where a resolved value came from, for the log. */
    public enum Origin {
        CONFIGURATION,
        ENVIRONMENT,
        DOTENV,
        DEFAULT
    }

    /** A value and its origin. */
    public record Resolved(String value, Origin origin) {}

    private final Map<LegacyVariable, String> environment;
    private final Map<LegacyVariable, String> dotenv;
    private final Path dotenvFile;

    private Settings(Map<LegacyVariable, String> environment, Map<LegacyVariable, String> dotenv, Path dotenvFile) {
        this.environment = environment;
        this.dotenv = dotenv;
        this.dotenvFile = dotenvFile;
    }

    /** No environment, no {@code .env}: only configured values and defaults count. */
    public static Settings none() {
        return new Settings(Map.of(), Map.of(), null);
    }

    /**
     * Reads {@code .env} in {@code projectDir} (if present) and the given environment.
     *
     * @throws ConfigurationException when the {@code .env} file has a line that is not {@code KEY=VALUE}
     */
    public static Settings load(Path projectDir, Map<String, String> environment) {
        Map<LegacyVariable, String> env = new EnumMap<>(LegacyVariable.class);
        for (LegacyVariable variable : LegacyVariable.values()) {
            String value = environment.get(variable.name());
            if (value != null && !value.isBlank()) {
                env.put(variable, value.trim());
            }
        }
        Path file = projectDir.resolve(".env");
        Map<LegacyVariable, String> dotenv = new EnumMap<>(LegacyVariable.class);
        if (Files.isRegularFile(file)) {
            parseDotenv(file, dotenv);
        }
        return new Settings(env, dotenv, Files.isRegularFile(file) ? file : null);
    }

    private static void parseDotenv(Path file, Map<LegacyVariable, String> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                // The line is not echoed: it may hold a secret.
                throw new ConfigurationException(
                        file + " line " + (i + 1) + " is not KEY=VALUE: fix or comment out that line (# ...).");
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            for (LegacyVariable variable : LegacyVariable.values()) {
                if (variable.name().equals(key) && !value.isEmpty()) {
                    into.put(variable, value);
                }
            }
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }

    /**
     * The effective value: {@code configured} when set (pom or {@code -D}), else the environment, else
     * {@code .env}, else {@code null}.
     */
    public Resolved resolve(String configured, LegacyVariable variable) {
        if (configured != null && !configured.isBlank()) {
            return new Resolved(configured.trim(), Origin.CONFIGURATION);
        }
        if (environment.containsKey(variable)) {
            return new Resolved(environment.get(variable), Origin.ENVIRONMENT);
        }
        if (dotenv.containsKey(variable)) {
            return new Resolved(dotenv.get(variable), Origin.DOTENV);
        }
        return new Resolved(null, Origin.DEFAULT);
    }

    /** A secret variable's value from the environment or {@code .env}. */
    public Optional<Secret> secret(LegacyVariable variable) {
        return Optional.ofNullable(resolve(null, variable).value()).map(Secret::of);
    }

    /**
     * Every secret value known here, so that a redactor can mask them: the secret variables, and the private key
     * (id, key, its lines) of the service-account key file that GOOGLE_APPLICATION_CREDENTIALS names.
     */
    public List<String> secretValues() {
        List<String> keyFile = Optional.ofNullable(resolve(null, LegacyVariable.GOOGLE_APPLICATION_CREDENTIALS)
                        .value())
                .map(path -> ServiceAccountKeys.secretsOf(Path.of(path)))
                .orElse(List.of());
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(environment, dotenv)
                                .flatMap(m -> m.entrySet().stream())
                                .filter(e -> e.getKey().isSecret())
                                .map(Map.Entry::getValue),
                        keyFile.stream())
                .distinct()
                .toList();
    }

    /** The {@code .env} file that was read, if any. */
    public Optional<Path> dotenvFile() {
        return Optional.ofNullable(dotenvFile);
    }
}
