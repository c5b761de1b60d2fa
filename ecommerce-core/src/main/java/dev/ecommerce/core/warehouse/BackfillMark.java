package dev.ecommerce.core.warehouse;

import java.time.Instant;

/**
 * How far a backfill got, recorded per table in {@value Warehouse#BACKFILL_TABLE} in the same transaction as each
 * chunk's rows, so that a killed backfill of the same range and data resumes at its first chunk not committed.
 *
 * @param from the range's start, inclusive
 * @param to the range's end, exclusive
 * @param chunk how the range is cut ({@code month}, ...)
 * @param doneUntil the end of the last chunk committed
 * @param world the data the rows came from (as {@link TableOrigin#world()}); a backfill of other data starts over
 */
public record BackfillMark(Instant from, Instant to, String chunk, Instant doneUntil, String world) {

    /** True when this mark is of the same backfill (range, chunks and data) and it stopped before its end. */
    public boolean resumes(Instant from, Instant to, String chunk, String world) {
        return this.from.equals(from)
                && this.to.equals(to)
                && this.chunk.equals(chunk)
                && java.util.Objects.equals(this.world, world)
                && doneUntil.isBefore(to);
    }
}
