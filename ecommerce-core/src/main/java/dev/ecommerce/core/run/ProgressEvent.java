package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;

/** What the pipeline reports while it works; the plugin turns these into log lines. */
public sealed interface ProgressEvent {

    /** A step started or finished, in words. */
    record Step(String message) implements ProgressEvent {}

    /** Rows of a table loaded so far during a long step. */
    record TableProgress(String stage, Table table, long rows, double seconds) implements ProgressEvent {}

    /**
     * The run report was brought up to date; the plugin names it last, when its goal ends (failed or not).
     *
     * @param report {@code report.html}
     */
    record ReportWritten(Path report) implements ProgressEvent {}

    /** Something the user should look at, though the step goes on (logged as a warning). */
    record Warning(String message) implements ProgressEvent {}

    /** A file was written (a local file is visible once its generation is published). */
    record FileWritten(Table table, String location, long bytes) implements ProgressEvent {}

    /**
     * Objects of a table that a destination kept from an earlier run, their rows unchanged (s3 monthly layout).
     *
     * @param written the table's objects this run wrote to the destination
     */
    record ObjectsKept(Table table, String destination, int written, int kept) implements ProgressEvent {}

    /**
     * Every file of a new generation of the local output folder is written and synced, not yet visible.
     *
     * @param folder where the generation's files are
     */
    record GenerationStaged(String generation, String folder) implements ProgressEvent {}

    /**
     * Readers of the local output folder now see this generation.
     *
     * @param output the output folder, a link to the generation's folder
     */
    record GenerationPublished(String generation, String output) implements ProgressEvent {}
}
