package dev.ecommerce.core.source;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.schema.Table;
import java.util.Set;

/**
 * Reads thelook tables and hands them over as {@link dev.ecommerce.core.schema.TableBatch batches}, in
 * order, per table. Whatever the source, the batches carry the same columns and types.
 */
public sealed interface Source permits GeneratedSource {

    /**
     * Streams the requested tables into {@code sink}. Batches of one table arrive in row order; batches of
     * different tables may interleave.
     */
    void read(Set<Table> tables, BatchSink sink);

    /** The source for a spec. */
    static Source of(SourceSpec spec) {
        if (spec instanceof GeneratorSpec generator) {
            return new GeneratedSource(generator);
        }
        throw new IllegalArgumentException("No source for " + spec.kind());
    }
}
