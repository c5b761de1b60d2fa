package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.sink.AtomicFiles;
import dev.ecommerce.core.transform.render.RelationName;
import dev.ecommerce.core.warehouse.Sql;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

/**
 * dbt-duckdb's {@code external} materialization: the model's rows are written as a Parquet file at its
 * location (whole or not at all: a temporary file, then a move; on S3 uploaded from the local copy), and a
 * view over the local file takes the model's relation name, so that refs and tests downstream read it.
 */
public final class ExternalModel {

    private ExternalModel() {}

    /**
     * Writes and publishes the model.
     *
     * @param location a file path (relative to the project) or {@code s3://bucket/key}
     * @return the rows written
     */
    public static long build(
            Database database, ExternalFiles files, RelationName relation, String compiledSql, String location)
            throws SQLException {
        Path local = files.output(location);
        long[] rows = {-1};
        AtomicFiles.write(local, UUID.randomUUID().toString(), temporary -> {
            try {
                rows[0] = database.execute(
                        "COPY (\n" + compiledSql + "\n) TO " + Sql.literal(temporary) + " (FORMAT PARQUET)");
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        files.publish(location, local);
        database.execute("CREATE OR REPLACE VIEW " + relation.sql() + " AS SELECT * FROM read_parquet("
                + Sql.literal(local) + ")");
        return rows[0];
    }
}
