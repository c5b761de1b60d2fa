package dev.ecommerce.core.warehouse;

import java.nio.file.Path;

/**
 * The one place that puts names and values into SQL text. Identifiers must match a strict allow-list
 * pattern before they are quoted; string literals are escaped here and nowhere else.
 */
public final class Sql {

    private Sql() {}

    /** A double-quoted identifier; rejects anything that is not a plain lower-case SQL name. */
    public static String identifier(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("Not an allowed SQL identifier: " + name);
        }
        return '"' + name + '"';
    }

    /**
     * Whether {@code name} matches {@code [a-z_][a-z0-9_]{0,62}}; a loop, not a regex: a dbt project of 10,000
     * models names tens of thousands of relations.
     */
    static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!allowed) {
                return false;
            }
        }
        return true;
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
