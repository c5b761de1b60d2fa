package dev.ecommerce.core.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * The rows of a table a load reads and replaces: those whose {@code column} lies in {@code [from, until)}. An
 * increment's window is open-ended ({@code until} null); a backfill's chunk has both ends.
 *
 * @param column the window column (thelook: {@code created_at})
 * @param from the first instant in the window, inclusive
 * @param until the end of the window, exclusive, or null for none
 */
public record Window(String column, Instant from, Instant until) {

    public Window {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(from, "from");
        if (until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("Empty window " + from + " .. " + until);
        }
    }

    /** The rows from an instant on: an increment's window. */
    public static Window since(String column, Instant from) {
        return new Window(column, from, null);
    }

    /** True when an instant lies in the window. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && (until == null || instant.isBefore(until));
    }

    /** "from 2026-01-01T00:00:00Z" or "2026-01-01T00:00:00Z .. 2026-02-01T00:00:00Z". */
    @Override
    public String toString() {
        return until == null ? "from " + from : from + " .. " + until;
    }
}
