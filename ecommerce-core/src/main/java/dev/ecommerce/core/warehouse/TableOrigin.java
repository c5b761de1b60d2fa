package dev.ecommerce.core.warehouse;

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
 * @param cursor the newest {@code created_at} in the table after the load (the next increment's starting point),
 *     or null for a table without one
 * @param window where the load's window began (null for a full load)
 */
public record TableOrigin(
        String source,
        String fingerprint,
        String world,
        String runId,
        long rows,
        Instant loadedAt,
        Instant cursor,
        Instant window) {}
