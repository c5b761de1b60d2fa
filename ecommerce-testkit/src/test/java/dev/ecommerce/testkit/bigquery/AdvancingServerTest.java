package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server serves the generator's world as of a date that a test advances, so that the BigQuery
 * path sees a source that changes as a shop's does: after {@code advanceTo}, reading through the real client
 * gives exactly what the generator gives for that date.
 */
class AdvancingServerTest {

    private static final List<Table> TABLES = List.of(Table.USERS, Table.ORDERS, Table.ORDER_ITEMS);

    @TempDir
    Path dir;

    private Path ingest(String name, SourceSpec source) {
        Path warehouse = dir.resolve(name + ".duckdb");
        Pipeline.ingest(new IngestSpec(dir.resolve(name), warehouse, TABLES, source), ProgressListener.NONE);
        return warehouse;
    }

    private static SourceSpec bigQuery(LocalBigQuery server, String readPath) {
        return new BigQueryParameters()
                .gcpProject("test-project")
                .readPath(readPath)
                .maxAttempts(2)
                .timeoutSeconds(60)
                .endpoints(server.restEndpoint(), server.grpcEndpoint())
                .toSpec(Settings.none());
    }

    private static long count(Path warehouse, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void advancingTheServerRevealsTheSameWorldAsTheGeneratorOnThatDate() throws Exception {
        LocalDate anchor = GeneratorSpec.DEFAULT_ANCHOR;
        GeneratorSpec world = new GeneratorSpec(5, 0.01, anchor, 2);
        try (LocalBigQuery server = LocalBigQuery.builder().generator(world).start()) {
            Path before = ingest("bq-before", bigQuery(server, "storage"));
            assertThat(server.asOf()).isEqualTo(anchor);

            LocalDate later = anchor.plusDays(25);
            server.advanceTo(later);
            Path storage = ingest("bq-after", bigQuery(server, "storage"));
            Path rest = ingest("bq-after-rest", bigQuery(server, "rest"));
            Path expected = ingest("generated-after", new GeneratorSpec(5, 0.01, later, 2));

            assertThat(server.asOf()).isEqualTo(later);
            for (Table table : TABLES) {
                assertThat(Reference.difference(storage, expected, table))
                        .as("storage %s", table)
                        .isZero();
                assertThat(Reference.difference(rest, expected, table))
                        .as("rest %s", table)
                        .isZero();
            }
            assertThat(count(storage, "SELECT count(*) FROM users"))
                    .isGreaterThan(count(before, "SELECT count(*) FROM users"));
            assertThat(count(
                            storage,
                            "SELECT count(*) FROM orders WHERE created_at >= TIMESTAMPTZ '" + anchor + " 00:00:00+00'"))
                    .isPositive();
            assertThat(Reference.difference(before, ingest("generated-before", world), Table.ORDERS))
                    .isZero();
        }
    }
}
