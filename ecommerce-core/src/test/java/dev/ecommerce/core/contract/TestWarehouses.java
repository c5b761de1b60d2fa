package dev.ecommerce.core.contract;

import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Generated warehouses and copies of them with extra rows, for the contract tests. */
final class TestWarehouses {

    private TestWarehouses() {}

    /** Generates all seven tables into {@code dir/warehouse.duckdb}. */
    static Path generate(Path dir, long seed, double scale) {
        Path file = dir.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(dir, file, List.of(Table.values()), Fixtures.generator(seed, scale, 2)),
                ProgressListener.NONE);
        return file;
    }

    /** Copies a warehouse file and runs statements on the copy (plain SQL, as a user's tool would). */
    static Path copyWith(Path source, Path target, List<String> statements) {
        try {
            Files.copy(source, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + target.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the copy: " + e.getMessage(), e);
        }
        return target;
    }
}
