package dev.ecommerce.core.run;

import dev.ecommerce.core.schema.Table;

/** What the pipeline reports while it works; the plugin turns these into log lines. */
public sealed interface ProgressEvent {

    /** A step started or finished, in words. */
    record Step(String message) implements ProgressEvent {}

    /** Rows of a table loaded so far during a long step. */
    record TableProgress(String stage, Table table, long rows, double seconds) implements ProgressEvent {}

    /** Something the user should look at, though the step goes on (logged as a warning). */
    record Warning(String message) implements ProgressEvent {}

    /** A file was written. */
    record FileWritten(Table table, String location, long bytes) implements ProgressEvent {}
}
