package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.schema.Table;

/**
 * One file a destination wrote. {@code location} is a path or URI, never with credentials; {@code seconds} is
 * the time spent on this file alone (writing it, and uploading or loading it where the destination does), not
 * the destination's start-up (a client, a connection, a local server). {@code changes} says what a destination that
 * applies changes changed in the table (null for the others); its {@code bytes} are then those it staged, 0 and no
 * {@code sha256} when nothing changed.
 */
public record OutputFile(
        DestinationKind destination,
        Table table,
        FileFormat format,
        String location,
        long bytes,
        String sha256,
        double seconds,
        TableChanges changes) {

    /** A file written whole. */
    public OutputFile(
            DestinationKind destination,
            Table table,
            FileFormat format,
            String location,
            long bytes,
            String sha256,
            double seconds) {
        this(destination, table, format, location, bytes, sha256, seconds, null);
    }

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
