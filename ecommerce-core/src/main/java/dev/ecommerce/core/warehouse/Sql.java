package dev.ecommerce.core.warehouse;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one place that puts names and values into SQL text. Identifiers must match a strict allow-list
 * pattern before they are quoted; string literals are escaped here and nowhere else.
 */
public final class Sql {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Sql() {}

    /** A double-quoted identifier; rejects anything that is not a plain lower-case SQL name. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not an allowed SQL identifier: " + name);
        }
        return '"' + name + '"';
    }

    /** A single-quoted string literal with quotes doubled. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A file path as a string literal (absolute, so the working directory never matters). */
    public static String literal(Path path) {
        return literal(path.toAbsolutePath().toString());
    }

    /** An instant as a TIMESTAMPTZ literal. */
    public static String timestamp(java.time.Instant instant) {
        return "TIMESTAMPTZ " + literal(instant.toString());
    }
}
