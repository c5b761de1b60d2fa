package dev.ecommerce.core.source;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.source.bigquery.BigQueryReader;
import dev.ecommerce.core.warehouse.BatchSink;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Google BigQuery through the official client: Storage Read API with Arrow, or REST paging. */
public record BigQuerySource(BigQuerySpec spec) implements Source {

    @Override
    public CostEstimate estimate(Set<Table> tables, Map<Table, Window> windows, Consumer<String> log) {
        return new CostEstimate(new BigQueryReader(spec, windows).estimate(tables, log));
    }

    @Override
    public void compareWithFullRead(Set<Table> tables, CostEstimate estimate, Consumer<String> log) {
        BigQueryReader.compare(estimate.bytes(), new BigQueryReader(spec).dryRunBytes(tables), log);
    }

    @Override
    public void read(Set<Table> tables, Map<Table, Window> windows, BatchSink sink) {
        new BigQueryReader(spec, windows).read(tables, sink);
    }
}
