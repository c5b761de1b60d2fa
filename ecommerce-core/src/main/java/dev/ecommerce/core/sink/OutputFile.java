package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.schema.Table;

/** One file a destination wrote. {@code location} is a path or URI, never with credentials. */
public record OutputFile(
        DestinationKind destination, Table table, FileFormat format, String location, long bytes, String sha256) {}
