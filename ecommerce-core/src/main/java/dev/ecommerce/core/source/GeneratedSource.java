package dev.ecommerce.core.source;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.source.thelook.ThelookGenerator;
import dev.ecommerce.core.warehouse.BatchSink;
import java.util.Map;
import java.util.Set;

/** The embedded, seeded thelook generator: works offline, with no credentials. */
public record GeneratedSource(GeneratorSpec spec) implements Source {

    @Override
    public void read(Set<Table> tables, Map<Table, Window> windows, BatchSink sink) {
        new ThelookGenerator(spec).generate(tables, windows, sink::accept, sink::endOfTable);
    }
}
