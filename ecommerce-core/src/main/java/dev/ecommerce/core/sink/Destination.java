package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.MotherDuckDestinationSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.util.List;

/** Where the sink goal exports warehouse tables. Adding a destination adds one implementation. */
public sealed interface Destination permits LocalFilesDestination, S3Destination, MotherDuckDestination {

    /**
     * Exports the tables. Each output appears whole or not at all.
     *
     * @param listener told of every finished file, in order, and of the local destination's generations
     */
    void write(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener);

    static Destination of(DestinationSpec spec) {
        if (spec instanceof LocalDestinationSpec local) {
            return new LocalFilesDestination(local);
        }
        if (spec instanceof S3DestinationSpec s3) {
            return new S3Destination(s3);
        }
        if (spec instanceof MotherDuckDestinationSpec motherDuck) {
            return new MotherDuckDestination(motherDuck);
        }
        throw new IllegalArgumentException("No destination for " + spec.kind());
    }
}
