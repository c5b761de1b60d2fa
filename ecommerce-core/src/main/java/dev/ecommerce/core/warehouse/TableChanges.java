package dev.ecommerce.core.warehouse;

/**
 * What a committed load did to a table, by key: rows new to it, rows whose values changed, rows removed (in a
 * window: rows that vanished from the source). A full load inserts every row it read and deletes every row of
 * the table it replaced.
 */
public record TableChanges(long inserted, long updated, long deleted) {}
