package dev.ecommerce.core.sink;

import java.nio.file.Path;

/** What a destination reports while it writes, on the thread that runs the sink. */
@FunctionalInterface
public interface SinkListener {

    /**
     * A file is finished, in order. The local destination's files become visible only when their generation
     * is published.
     */
    void written(OutputFile file);

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
