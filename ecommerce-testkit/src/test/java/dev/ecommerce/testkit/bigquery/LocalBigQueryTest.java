package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.source.bigquery.LocalBigQueryProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Starting, naming, stopping, the command line and the core's SPI. */
class LocalBigQueryTest {

    private static final GeneratorSpec TINY = new GeneratorSpec(7, 0.001, GeneratorSpec.DEFAULT_ANCHOR, 2);

    @Test
    void theCoresProviderStartsAServerUnderTheGivenNamesAndStopsIt() throws Exception {
        LocalBigQueryProvider provider = LocalBigQueryProvider.find(getClass().getClassLoader());
        assertThat(provider).isInstanceOf(LocalBigQueryServerProvider.class);

        String rest;
        try (LocalBigQueryProvider.Server server = provider.start(TINY, "my-own-project", "shop")) {
            rest = server.restEndpoint();
            assertThat(rest).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(server.grpcEndpoint()).matches("127\\.0\\.0\\.1:\\d+");
            BigQuery bigQuery = Clients.bigQuery(server.restEndpoint(), 6, Duration.ofSeconds(20));
            assertThat(bigQuery.getTable(TableId.of("my-own-project", "shop", "users"))
                            .getNumRows()
                            .longValue())
                    .isEqualTo(TINY.users());
            assertThat(bigQuery.getTable(TableId.of("bigquery-public-data", "thelook_ecommerce", "users")))
                    .isNull();
            assertThat(bigQuery.query(QueryJobConfiguration.of("SELECT COUNT(*) FROM shop.users"))
                            .getValues()
                            .iterator()
                            .next()
                            .get(0)
                            .getLongValue())
                    .isEqualTo(TINY.users());
        }
        BigQuery afterwards = Clients.bigQuery(rest, 1, Duration.ofSeconds(2));
        assertThatThrownBy(() -> afterwards.getTable(TableId.of("my-own-project", "shop", "users")))
                .isInstanceOf(BigQueryException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void concurrentClientsGetConsistentAnswers() throws Exception {
        try (LocalBigQuery server = LocalBigQuery.builder().generator(TINY).start();
                Clients.Read read = Clients.read(server)) {
            BigQuery bigQuery = Clients.bigQuery(server);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Long>> counts = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    counts.add(pool.submit(() -> n % 2 == 0
                            ? bigQuery.query(QueryJobConfiguration.of(
                                            "SELECT COUNT(*) FROM `bigquery-public-data.thelook_ecommerce.events`"))
                                    .getValues()
                                    .iterator()
                                    .next()
                                    .get(0)
                                    .getLongValue()
                            : (long) readAll(read, server)));
                }
                List<Long> results = new ArrayList<>();
                for (Future<Long> count : counts) {
                    results.add(count.get());
                }
                assertThat(results).hasSize(16).containsOnly(results.get(0));
                assertThat(results.get(0)).isPositive();
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.requests("jobs.query")).hasSize(8);
            assertThat(server.requests("CreateReadSession")).hasSize(8);
        }
    }

    private static int readAll(Clients.Read read, LocalBigQuery server) throws Exception {
        ReadSession session = ReadApiTest.session(read, ReadApiTest.TABLES + "events", 2, List.of("id"), null);
        int rows = 0;
        for (var stream : session.getStreamsList()) {
            rows += ReadApiTest.readLongs(read, ReadApiTest.schema(session), stream.getName(), 0, "id")
                    .size();
        }
        return rows;
    }

    @Test
    void theCommandLineSetsPortsAndData() {
        LocalBigQuery.Builder builder = LocalBigQuery.parse(
                new String[] {"--rest-port", "0", "--grpc-port", "0", "--scale", "0.001", "--seed", "9"});

        assertThat(builder.toString())
                .contains("seed=9")
                .contains("scale=0.001")
                .contains("bigquery-public-data.thelook_ecommerce");
        assertThat(LocalBigQuery.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> LocalBigQuery.parse(new String[] {"--port", "1"}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalBigQuery.parse(new String[] {"--scale", "lots"}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> LocalBigQuery.parse(new String[] {"--rest-port", "70000"}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalBigQuery.builder().project("Not A Project"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> LocalBigQuery.builder().dataset(Catalog.ANON_DATASET))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void timestampsAsFloatSecondsKeepEveryMicrosecond() {
        assertThat(TimestampFormat.floatSeconds(1_704_067_200_123_456L)).isEqualTo("1.704067200123456E9");
        assertThat(TimestampFormat.floatSeconds(1_704_067_200_000_000L)).isEqualTo("1.7040672E9");
        assertThat(TimestampFormat.floatSeconds(1L)).isEqualTo("1.0E-6");
        assertThat(TimestampFormat.floatSeconds(-1_500_000L)).isEqualTo("-1.5E0");
        assertThat(TimestampFormat.floatSeconds(0L)).isEqualTo("0.0");
        assertThat(TimestampFormat.INT64_MICROS.format(1_704_067_200_123_456L)).isEqualTo("1704067200123456");
        assertThat(TimestampFormat.ISO8601.format(1_704_067_200_123_456L)).isEqualTo("2024-01-01T00:00:00.123456Z");
    }
}
