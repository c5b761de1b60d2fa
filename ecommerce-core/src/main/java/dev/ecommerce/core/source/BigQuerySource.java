package dev.ecommerce.core.source;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.bigquery.BigQueryReader;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Google BigQuery through the official client: Storage Read API with Arrow, or REST paging. */
public record BigQuerySource(BigQuerySpec spec) implements Source {

    @Override
    public CostEstimate estimate(Set<Table> tables, Consumer<String> log) {
        return new CostEstimate(new BigQueryReader(spec).estimate(tables, log));
    }

    @Override
    public void read(Set<Table> tables, BatchSink sink) {
        new BigQueryReader(spec).read(tables, sink::accept, new SinkTarget(sink), sink::info);
    }

    /** The sink's Arrow side, as the reader sees it. */
    private record SinkTarget(BatchSink sink) implements BigQueryReader.ArrowTarget {

        @Override
        public long load(Table table, List<String> columns, ArrowReader reader) {
            return sink.acceptArrow(table, columns, reader);
        }

        @Override
        public boolean available() {
            return sink.arrowAvailable();
        }

        @Override
        public BufferAllocator allocator() {
            return sink.arrowAllocator();
        }
    }
}
