package dev.ecommerce.core.source;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.warehouse.BatchSink;
import java.util.Map;
import java.util.Set;

/**
 * Reads thelook tables and hands them over as {@link dev.ecommerce.core.schema.TableBatch batches}, in
 * order, per table. Whatever the source, the batches carry the same columns and types.
 */
public sealed interface Source permits GeneratedSource, BigQuerySource {

    /**
     * Estimates, before anything is read, what reading the tables will bill, and checks it against the
     * source's limits. Sources that bill nothing return an empty estimate.
     *
     * @param log receives lines for the build log
     * @throws dev.ecommerce.core.ConfigurationException when the estimate exceeds a configured cap
     */
    default CostEstimate estimate(
            Set<Table> tables, Map<Table, Window> windows, java.util.function.Consumer<String> log) {
        return new CostEstimate(Map.of());
    }

    /** Logs a part's estimate next to what reading the tables whole would bill; nothing for sources that bill nothing. */
    default void compareWithFullRead(
            Set<Table> tables, CostEstimate estimate, java.util.function.Consumer<String> log) {}

    /**
     * Streams the requested tables into {@code sink}: of a table in {@code windows}, only the rows in its window
     * (an increment's or a backfill chunk's). Batches of one table arrive in row order; batches of different
     * tables may interleave.
     */
    void read(Set<Table> tables, Map<Table, Window> windows, BatchSink sink);

    /** Every row of the tables. */
    default void read(Set<Table> tables, BatchSink sink) {
        read(tables, Map.of(), sink);
    }

    /** The source for a spec. */
    static Source of(SourceSpec spec) {
        if (spec instanceof GeneratorSpec generator) {
            return new GeneratedSource(generator);
        }
        if (spec instanceof BigQuerySpec bigQuery) {
            return new BigQuerySource(bigQuery);
        }
        throw new IllegalArgumentException("No source for " + spec.kind());
    }
}
