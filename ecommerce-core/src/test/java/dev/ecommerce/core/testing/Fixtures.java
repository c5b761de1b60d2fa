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

    /** Rows of {@code table} in one warehouse file and not in the other, both ways ({@code EXCEPT ALL}). */
    public static long difference(Path a, Path b, Table table) throws java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = db.createStatement()) {
            statement.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
            statement.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
            String t = table.sqlName();
            try (java.sql.ResultSet rs = statement.executeQuery("SELECT (SELECT count(*) FROM (FROM a." + t
                    + " EXCEPT ALL FROM b." + t + ")) + (SELECT count(*) FROM (FROM b." + t + " EXCEPT ALL FROM a." + t
                    + "))")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
