package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.GoogleCredentialsSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.ReadPath;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.bigquery.LocalBigQueryProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The core's BigQuery source, found and started the way the plugin does ({@link LocalBigQueryProvider}),
 * ingests through this server what the embedded generator ingests directly: same rows, same values.
 */
class CoreBigQuerySourceTest {

    @TempDir
    static Path directory;

    private static LocalBigQueryProvider.Server server;
    private static Reference reference;

    @BeforeAll
    static void start() throws Exception {
        server = LocalBigQueryProvider.find(CoreBigQuerySourceTest.class.getClassLoader())
                .start(Reference.SPEC, "bigquery-public-data", "thelook_ecommerce");
        reference = Reference.ingest(directory.resolve("reference"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        reference.close();
    }

    @ParameterizedTest
    @EnumSource(ReadPath.class)
    void theBigQuerySourceIngestsTheGeneratorsData(ReadPath readPath, @TempDir Path work) throws Exception {
        Path warehouse = work.resolve("warehouse.duckdb");
        BigQuerySpec spec = new BigQuerySpec(
                "local-project",
                BigQuerySpec.DEFAULT_DATASET,
                Map.of(),
                null,
                null,
                Map.of(),
                null,
                false,
                readPath,
                server.restEndpoint(),
                server.grpcEndpoint(),
                new GoogleCredentialsSpec.None(),
                2,
                3,
                60);

        Pipeline.ingest(new IngestSpec(work, warehouse, List.of(Table.values()), spec), ProgressListener.NONE);

        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection =
                        DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), readOnly);
                Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                String fingerprint = fingerprint(table);
                try (ResultSet rs = statement.executeQuery(fingerprint)) {
                    rs.next();
                    assertThat(rs.getString(1))
                            .as(table.sqlName() + " over " + readPath)
                            .isEqualTo(referenceFingerprint(fingerprint));
                }
            }
        }
    }

    /** Row count and an order-independent hash of every value of a table. */
    private static String fingerprint(Table table) {
        return "SELECT count(*) || ':' || coalesce(sum(hash("
                + table.columns().stream()
                        .map(c -> "\"" + c.name() + "\"")
                        .reduce((a, b) -> a + ", " + b)
                        .orElseThrow() + ")::HUGEINT), 0) FROM \"" + table.sqlName() + "\"";
    }

    private static String referenceFingerprint(String sql) throws Exception {
        return String.valueOf(reference.queryString(sql));
    }
}
