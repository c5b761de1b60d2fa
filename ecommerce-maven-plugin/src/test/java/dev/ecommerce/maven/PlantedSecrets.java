package dev.ecommerce.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds planted secrets in the files of an integration test's project (its {@code build.log}, {@code target/}):
 * each value whole and every 12-character piece of it, since a hex dump shows at most 16 characters of a value on
 * a line. Used by the {@code verify.groovy} of {@code src/it/debug-log-*} (the invoker puts the test classes on
 * the scripts' class path).
 */
public final class PlantedSecrets {

    static final int PIECE = 12;

    private PlantedSecrets() {}

    /**
     * One line per file and secret found, e.g. {@code build.log: AWS_SESSION_TOKEN (68 pieces, e.g. '...')};
     * empty when nothing leaked.
     *
     * @param secrets a name for each secret and its values
     * @param planted files that hold the secrets on purpose (the {@code .env}, the key file, the scripts)
     */
    public static List<String> leaks(
            Path folder, Map<String, ? extends Collection<String>> secrets, Set<Path> planted) {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (planted.stream().anyMatch(p -> sameFile(p, file))) {
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                secrets.forEach((name, values) -> {
                    List<String> found =
                            pieces(values).stream().filter(text::contains).toList();
                    if (!found.isEmpty()) {
                        leaks.add(folder.relativize(file) + ": " + name + " (" + found.size() + " pieces, e.g. '"
                                + found.get(0) + "')");
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaks;
    }

    /** Each value and its 12-character pieces (every one; every 12th for values longer than 120 characters). */
    static Set<String> pieces(Collection<String> values) {
        Set<String> pieces = new LinkedHashSet<>();
        for (String value : values) {
            if (value.length() < PIECE) {
                throw new IllegalArgumentException("A planted secret needs at least " + PIECE + " characters");
            }
            pieces.add(value);
            int step = value.length() > 120 ? PIECE : 1;
            for (int i = 0; i + PIECE <= value.length(); i += step) {
                pieces.add(value.substring(i, i + PIECE));
            }
        }
        return pieces;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
