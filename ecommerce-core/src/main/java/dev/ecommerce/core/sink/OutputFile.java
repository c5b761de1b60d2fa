package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.schema.Table;

/**
 * One file a destination wrote. {@code location} is a path or URI, never with credentials; {@code seconds} is
 * the time spent on this file alone (writing it, and uploading or loading it where the destination does), not
 * the destination's start-up (a client, a connection, a local server).
 */
public record OutputFile(
        DestinationKind destination,
        Table table,
        FileFormat format,
        String location,
        long bytes,
        String sha256,
        double seconds) {

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
