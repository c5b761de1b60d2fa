package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.Window;
import java.time.Instant;

/**
 * Where a warehouse table's rows came from and how far they reach, recorded in the same transaction as the rows
 * themselves (the {@value Warehouse#ORIGINS_TABLE} table): a run refuses to mix tables of different data, and an
 * incremental run starts from it.
 *
 * @param source the source's kind ({@code generated}, {@code bigquery})
 * @param fingerprint what identifies the data the source gave this table (e.g. seed, scale and anchor date), as
 *     canonical JSON: equal fingerprints mean tables whose keys fit together
 * @param world the fingerprint without the date the data is seen on: equal worlds can be brought up to date by
 *     an increment
 * @param runId the ingest run that loaded it
 * @param rows how many rows that run loaded (all, or the window's)
 * @param loadedAt when the load was committed
 * @param cursorColumn the column the cursor is the newest value of ({@code created_at} in thelook), or null
 * @param cursor the newest value of the cursor column after the load (the next increment's starting point), or
 *     null for a table without one
 * @param window the load's window (null for a full load)
 * @param changes what the load inserted, updated and deleted
 */
public record TableOrigin(
        String source,
        String fingerprint,
        String world,
        String runId,
        long rows,
        Instant loadedAt,
        String cursorColumn,
        Instant cursor,
        Window window,
        TableChanges changes) {

    /** An origin about to be committed: its cursor and changes are known only in the commit's transaction. */
    public static TableOrigin pending(
            String source,
            String fingerprint,
            String world,
            String runId,
            long rows,
            String cursorColumn,
            Window window) {
        // Microseconds: what the warehouse keeps, so that an origin read back equals the one committed.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return new TableOrigin(source, fingerprint, world, runId, rows, now, cursorColumn, null, window, null);
    }

    TableOrigin committed(Instant cursor, TableChanges changes) {
        return new TableOrigin(
                source, fingerprint, world, runId, rows, loadedAt, cursorColumn, cursor, window, changes);
    }
}
