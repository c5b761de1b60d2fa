package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.warehouse.Sql;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * dbt-duckdb's {@code external} materialization: the model's rows are written as a Parquet file at its
 * location (whole or not at all: a temporary file, then a move; on S3 uploaded from the local copy), and a
 * view over the local file takes the model's relation name, so that refs and tests downstream read it.
 *
 * @param externalRoot the target's {@code external_root}, or null
 */
record ExternalMaterializer(Database database, ExternalFiles files, String externalRoot) implements Materializer {

    @Override
    public Build prepare(BuildNode node) {
        return new Build(node.sql(), () -> {
            Relations.dropIfOther(database, node.relation(), Relations.VIEW);
            return write(node, location(node));
        });
    }

    /** {@code location}, else dbt-duckdb's default {@code <external_root>/<identifier>.parquet}. */
    private String location(BuildNode node) {
        if (node.config().location() != null && !node.config().location().isBlank()) {
            return node.config().location().trim();
        }
        String root = externalRoot == null ? "." : externalRoot;
        return (root.endsWith("/") ? root : root + "/") + node.relation().identifier() + ".parquet";
    }

    /**
     * Writes and publishes the model.
     *
     * @param location a file path (relative to the project) or {@code s3://bucket/key}
     * @return the rows written
     */
    private long write(BuildNode node, String location) throws SQLException {
        Path local = files.output(location);
        long[] rows = {-1};
        AtomicFiles.write(local, UUID.randomUUID().toString(), temporary -> {
            try {
                rows[0] = database.execute(
                        "COPY (\n" + node.sql() + "\n) TO " + Sql.literal(temporary) + " (FORMAT PARQUET)");
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        files.publish(location, local);
        database.execute("CREATE OR REPLACE VIEW " + node.relation().sql() + " AS SELECT * FROM read_parquet("
                + Sql.literal(local) + ")");
        return rows[0];
    }
}
