package dev.ecommerce.testkit.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.Backfill;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.schema.Table;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental loads from BigQuery, on a server whose data moves forward day by day: after each increment the
 * warehouse equals the generator's full load of that day, and the window reaches BigQuery as a filter.
 */
class IncrementalBigQueryTest {

    private static final List<Table> TABLES = List.of(Table.USERS, Table.ORDERS, Table.ORDER_ITEMS, Table.EVENTS);

    @TempDir
    Path dir;

    private Pipeline.IngestResult ingest(Path warehouse, SourceSpec source, LoadMode mode, List<String> log) {
        return Pipeline.ingest(
                new IngestSpec(
                        dir.resolve(warehouse.getFileName() + ".work"), warehouse, TABLES, source, null, mode, null),
                event -> {
                    if (event instanceof ProgressEvent.Step step) {
                        log.add(step.message());
                    }
                });
    }

    private static SourceSpec source(LocalBigQuery server) {
        return new BigQueryParameters()
                .gcpProject("test-project")
                .readPath("storage")
                .maxAttempts(2)
                .timeoutSeconds(60)
                .endpoints(server.restEndpoint(), server.grpcEndpoint())
                .toSpec(Settings.none());
    }

    @Test
    void tenDailyIncrementsFromAnAdvancingServerEqualFullLoads() throws Exception {
        LocalDate start = GeneratorSpec.DEFAULT_ANCHOR;
        try (LocalBigQuery server = LocalBigQuery.builder()
                .generator(new GeneratorSpec(9, 0.005, start, 2))
                .start()) {
            SourceSpec bigQuery = source(server);
            Path warehouse = dir.resolve("bq.duckdb");
            List<String> log = new CopyOnWriteArrayList<>();
            ingest(warehouse, bigQuery, LoadMode.FULL, log);
            for (int day = 1; day <= 10; day++) {
                LocalDate date = start.plusDays(day);
                server.advanceTo(date);
                server.clearRequests();
                log.clear();
                ingest(warehouse, bigQuery, LoadMode.INCREMENTAL, log);
                Path full = dir.resolve("full-" + day + ".duckdb");
                ingest(full, new GeneratorSpec(9, 0.005, date, 2), LoadMode.FULL, new CopyOnWriteArrayList<>());
                for (Table table : TABLES) {
                    assertThat(Reference.difference(warehouse, full, table))
                            .as("%s on day %d", table, day)
                            .isZero();
                }
                assertThat(log).anyMatch(line -> line.startsWith("  orders: incremental, rows with created_at from "));
                // The window is pushed down: every read session carries a created_at restriction.
                assertThat(server.requests("CreateReadSession"))
                        .hasSize(TABLES.size())
                        .allMatch(request ->
                                request.parameters().get("row_restriction").startsWith("created_at >= TIMESTAMP"));
            }

            // A dry run of the next increment shows BigQuery's own estimate for it next to a full read's.
            log.clear();
            SourceSpec dryRun = new BigQueryParameters()
                    .gcpProject("test-project")
                    .readPath("storage")
                    .dryRun(true)
                    .endpoints(server.restEndpoint(), server.grpcEndpoint())
                    .toSpec(Settings.none());
            Pipeline.IngestResult planned = ingest(warehouse, dryRun, LoadMode.INCREMENTAL, log);
            assertThat(planned.dryRun()).isTrue();
            assertThat(log)
                    .anyMatch(line -> line.matches("  orders: [0-9.]+ [KMG]?i?B, a full read [0-9.]+ [KMG]?i?B"));
            assertThat(log)
                    .anyMatch(line ->
                            line.matches("BigQuery estimate: .+ for this read, .+ for a full read \\([0-9.]+%\\)"));
        }
    }

    /**
     * A backfill through BigQuery: each chunk's window reaches the server with both its ends, and over a warehouse of
     * day 0 the backfilled months of day 5 make it equal the generator's full load of day 5.
     */
    @Test
    void aBackfillSendsEachChunksBoundsAndCatchesUp() throws Exception {
        LocalDate start = GeneratorSpec.DEFAULT_ANCHOR;
        LocalDate day5 = start.plusDays(5);
        try (LocalBigQuery server = LocalBigQuery.builder()
                .generator(new GeneratorSpec(11, 0.003, start, 2))
                .start()) {
            SourceSpec bigQuery = source(server);
            Path warehouse = dir.resolve("bq.duckdb");
            ingest(warehouse, bigQuery, LoadMode.FULL, new CopyOnWriteArrayList<>());
            server.advanceTo(day5);
            server.clearRequests();
            List<String> log = new CopyOnWriteArrayList<>();
            Pipeline.ingest(
                    new IngestSpec(dir.resolve("bq.work"), warehouse, TABLES, bigQuery, null, LoadMode.FULL, null)
                            .with(
                                    LoadMode.FULL,
                                    new Backfill(
                                            LocalDate.parse("2025-10-01"), day5.plusDays(1), Backfill.Chunk.MONTH)),
                    event -> {
                        if (event instanceof ProgressEvent.Step step) {
                            log.add(step.message());
                        }
                    });

            Path full = dir.resolve("full.duckdb");
            ingest(full, new GeneratorSpec(11, 0.003, day5, 2), LoadMode.FULL, new CopyOnWriteArrayList<>());
            for (Table table : TABLES) {
                assertThat(Reference.difference(warehouse, full, table))
                        .as("%s", table)
                        .isZero();
            }
            assertThat(log.stream().filter(line -> line.startsWith("Backfill chunk ")))
                    .hasSize(4);
            assertThat(server.requests("CreateReadSession"))
                    .hasSize(TABLES.size() * 4)
                    .extracting(request -> request.parameters().get("row_restriction"))
                    .contains("created_at >= TIMESTAMP '2025-12-01 00:00:00.000000+00' AND created_at < TIMESTAMP"
                            + " '2026-01-01 00:00:00.000000+00'")
                    .allMatch(restriction ->
                            restriction.matches("created_at >= TIMESTAMP '[^']+' AND created_at < TIMESTAMP '[^']+'"));
        }
    }
}
