package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;

/** What a destination reports while it writes, on the thread that runs the sink. */
@FunctionalInterface
public interface SinkListener {

    /**
     * A file is finished, in order. The local destination's files become visible only when their generation
     * is published.
     */
    void written(OutputFile file);

    /**
     * Objects of an earlier run that a destination left in place because their rows did not change (the s3
     * monthly layout), told once per table after the table's written files.
     */
    default void kept(Kept kept) {}

    /**
     * Unchanged objects of one table left in place.
     *
     * @param objects how many (of all formats)
     * @param bytes their size together
     */
    record Kept(DestinationKind destination, Table table, int objects, long bytes) {}

    /** Every file of a generation of the local output folder is written and synced, but not yet visible. */
    default void staged(Generation generation) {}

    /** Readers of the output folder now see this generation. */
    default void published(Generation generation) {}

    /**
     * One run's set of local files.
     *
     * @param name the folder name under {@code <outputDirectory>.generations/}
     * @param folder where the files are
     * @param output the output folder that shows them once published
     */
    record Generation(String name, Path folder, Path output) {}
}
