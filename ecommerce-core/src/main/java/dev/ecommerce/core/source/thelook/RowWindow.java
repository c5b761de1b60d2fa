package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Per table, the creation times {@code [from, until)} of the rows a run hands on: the requested tables, each
 * from its incremental window's start (if any) until the dataset's date (or an earlier bound); tables not
 * requested keep no row. The generator still draws and counts every row of the world, since ids and later
 * draws depend on them, but fills in only the rows a window keeps.
 */
final class RowWindow {

    private final long[] from = new long[Table.values().length];
    private final long[] until = new long[Table.values().length];

    private RowWindow(Set<Table> tables, Map<Table, Instant> since, Map<Table, Instant> before, long asOfMicros) {
        for (Table table : Table.values()) {
            boolean requested = tables.contains(table);
            from[table.ordinal()] = requested ? micros(since.get(table), Long.MIN_VALUE) : Long.MAX_VALUE;
            until[table.ordinal()] = Math.min(asOfMicros, micros(before.get(table), Long.MAX_VALUE));
        }
    }

    /**
     * The rows of {@code tables} created at or after {@code since} and before {@code until} (per table, each
     * optional) and before {@code asOfMicros}, the dataset's date.
     */
    static RowWindow of(Set<Table> tables, Map<Table, Instant> since, Map<Table, Instant> until, long asOfMicros) {
        return new RowWindow(tables, since, until, asOfMicros);
    }

    /** Whether a row of {@code table} created at {@code createdAt} (epoch micros) is handed on. */
    boolean keeps(Table table, long createdAt) {
        return createdAt >= from[table.ordinal()] && createdAt < until[table.ordinal()];
    }

    /** Whether a row of {@code table} created in {@code [start, end)} can be handed on. */
    boolean keepsAny(Table table, long start, long end) {
        return end > from[table.ordinal()] && start < until[table.ordinal()];
    }

    /**
     * A batch capacity for the rows of {@code table} this window keeps out of {@code whole} spread over
     * {@code [start, end)}: the window's share of that span, so that a narrow window does not allocate for rows
     * it never fills (a batch grows when it must).
     */
    int capacity(Table table, int whole, long start, long end) {
        long lo = Math.max(start, from[table.ordinal()]);
        long hi = Math.min(end, until[table.ordinal()]);
        if (hi <= lo || end <= start) {
            return 0;
        }
        return (int) Math.ceil(whole * ((double) (hi - lo) / (end - start)));
    }

    /** Epoch microseconds, clamped to a long (no row is created that far out). */
    private static long micros(Instant instant, long none) {
        if (instant == null) {
            return none;
        }
        long seconds = instant.getEpochSecond();
        if (Math.abs(seconds) >= Long.MAX_VALUE / 1_000_000L - 1) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
