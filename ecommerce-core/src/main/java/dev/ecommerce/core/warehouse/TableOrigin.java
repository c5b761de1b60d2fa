package dev.ecommerce.core.warehouse;

import java.time.Instant;

/**
 * Where a warehouse table's rows came from, recorded in the same transaction as the rows themselves (the
 * {@value Warehouse#ORIGINS_TABLE} table), so that a run can refuse to mix tables of different sources.
 *
 * @param source the source's kind ({@code generated}, {@code bigquery})
 * @param fingerprint what identifies the data the source gave this table (e.g. seed, scale and anchor date), as
 *     canonical JSON: equal fingerprints mean tables whose keys fit together
 * @param runId the ingest run that loaded it
 * @param rows how many rows it loaded
 * @param loadedAt when the load was committed
 */
public record TableOrigin(String source, String fingerprint, String runId, long rows, Instant loadedAt) {}
