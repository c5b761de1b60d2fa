package dev.ecommerce.core.source;

import dev.ecommerce.core.schema.TableBatch;

/** Receives a source's batches, one at a time, on one thread. */
@FunctionalInterface
public interface BatchSink {

    void accept(TableBatch batch);
}
