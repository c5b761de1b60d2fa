package dev.ecommerce.core.run;

/** Receives {@link ProgressEvent}s on the thread that runs the pipeline. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = event -> {};

    void on(ProgressEvent event);
}
