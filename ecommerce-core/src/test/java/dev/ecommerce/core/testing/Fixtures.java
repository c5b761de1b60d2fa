package dev.ecommerce.core.testing;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Small helpers shared by core tests. */
public final class Fixtures {

    public static final LocalDate ANCHOR = LocalDate.of(2026, 1, 1);

    private Fixtures() {}

    public static GeneratorSpec generator(long seed, double scale, int threads) {
        return new GeneratorSpec(seed, scale, ANCHOR, threads);
    }

    /** Ingests all tables at the given scale into {@code dir/warehouse.duckdb}. */
    public static Path ingest(Path dir, double scale) {
        Path warehouse = dir.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(dir, warehouse, List.of(Table.values()), generator(42, scale, 2)),
                ProgressListener.NONE);
        return warehouse;
    }
}
