package dev.ecommerce.bench;

import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.testkit.bigquery.LocalBigQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code events} through the local BigQuery server into a fresh DuckDB warehouse, end to end through the
 * plugin's code path: Storage Read API with Arrow vs REST paging, in the same run (one server, alternating).
 * The server keeps the responses of streams read whole, so from the second run on it only sends them, as
 * BigQuery's servers do from the reader's point of view: later runs measure the client (gRPC, Arrow, DuckDB).
 * Usage: {@code BigQueryReadBenchmark <scale> <runs> <work dir> [storage,rest]}.
 */
public final class BigQueryReadBenchmark {

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        List<String> paths = args.length > 3 ? List.of(args[3].split(",")) : List.of("storage", "rest");
        GeneratorSpec data = new GeneratorSpec(42, scale, GeneratorSpec.DEFAULT_ANCHOR, 2);
        long serverStart = System.nanoTime();
        // -Dbench.rest=http://127.0.0.1:P -Dbench.grpc=127.0.0.1:Q: a server in another process (for example
        // LocalBigQuery's main), so that the CPU time printed per run is the client's alone.
        String externalRest = System.getProperty("bench.rest");
        String externalGrpc = System.getProperty("bench.grpc");
        boolean external = externalRest != null && externalGrpc != null;
        var cpu = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (LocalBigQuery server =
                external ? null : LocalBigQuery.builder().generator(data).start()) {
            String restEndpoint = external ? externalRest : server.restEndpoint();
            String grpcEndpoint = external ? externalGrpc : server.grpcEndpoint();
            System.out.printf(
                    Locale.ROOT,
                    external ? "server at %3$s and %4$s%n" : "local server filled at scale %s in %.1f s%n",
                    scale,
                    (System.nanoTime() - serverStart) / 1e9,
                    restEndpoint,
                    grpcEndpoint);
            List<Double> storage = new ArrayList<>();
            List<Double> rest = new ArrayList<>();
            long rows = 0;
            for (int run = 0; run < runs; run++) {
                for (String path : paths) {
                    Path dir = work.resolve(path + run);
                    Files.createDirectories(dir);
                    Files.deleteIfExists(dir.resolve("warehouse.duckdb"));
                    var spec = new BigQueryParameters()
                            .gcpProject("bench-project")
                            .readPath(path)
                            .timeoutSeconds(60)
                            .endpoints(restEndpoint, grpcEndpoint)
                            .toSpec(Settings.none());
                    long start = System.nanoTime();
                    long cpuStart = cpu.getProcessCpuTime();
                    Pipeline.IngestResult result = Pipeline.ingest(
                            new IngestSpec(dir, dir.resolve("warehouse.duckdb"), List.of(Table.EVENTS), spec),
                            event -> {
                                if (event instanceof ProgressEvent.Step step) {
                                    System.out.printf(
                                            Locale.ROOT,
                                            "    %6.2f s %s%n",
                                            (System.nanoTime() - start) / 1e9,
                                            step.message());
                                }
                            });
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (cpu.getProcessCpuTime() - cpuStart) / 1e9;
                    rows = result.tables().stream()
                            .mapToLong(TableSummary::rows)
                            .sum();
                    (path.equals("storage") ? storage : rest).add(seconds);
                    System.out.printf(
                            Locale.ROOT,
                            "run %d %-7s %,d rows %.2f s %,.0f rows/s, %.2f CPU-s in this process%s%n",
                            run + 1,
                            path,
                            rows,
                            seconds,
                            rows / seconds,
                            cpuSeconds,
                            external ? " (the client)" : " (client and server)");
                }
            }
            System.out.printf(Locale.ROOT, "events at scale %s (%,d rows), %d runs per path:%n", scale, rows, runs);
            if (!storage.isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "  Storage Read (Arrow), first run (the server queries DuckDB and serializes): %.2f s, %,.0f"
                                + " rows/s%n",
                        storage.get(0),
                        rows / storage.get(0));
            }
            if (storage.size() > 1) {
                double warm = Medians.of(storage.subList(1, storage.size()));
                System.out.printf(
                        Locale.ROOT,
                        "  Storage Read (Arrow), median of later runs (the server only sends, like BigQuery): %.2f s,"
                                + " %,.0f rows/s (goal: 1,000,000)%n",
                        warm,
                        rows / warm);
            }
            if (!storage.isEmpty()) {
                Path loaded = work.resolve("storage0").resolve("warehouse.duckdb");
                for (boolean ordered : List.of(true, false)) {
                    double floor = duckDbFloor(loaded, work, runs, ordered);
                    System.out.printf(
                            Locale.ROOT,
                            "  DuckDB alone, the same rows from memory into a new warehouse file, %s (median): %.2f s,"
                                    + " %,.0f rows/s%n",
                            ordered ? "insertion order kept (the default)" : "preserve_insertion_order=false",
                            floor,
                            rows / floor);
                }
            }
            if (!rest.isEmpty()) {
                double r = Medians.of(rest);
                double s = Medians.of(storage);
                System.out.printf(Locale.ROOT, "  REST paging, median: %.2f s, %,.0f rows/s%n", r, rows / r);
                System.out.printf(
                        Locale.ROOT, "  ratio REST / Arrow (medians of all runs): %.1f (goal: at least 5)%n", r / s);
            }
        }
    }

    /**
     * The baseline of the same run: DuckDB copying {@code events} from an in-memory table into a new file
     * database, which is the write every reader has to pay, whatever its source.
     */
    private static double duckDbFloor(Path loaded, Path work, int runs, boolean ordered) throws Exception {
        List<Double> times = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + loaded + "' AS loaded (READ_ONLY)");
            statement.execute("CREATE TABLE memory_events AS SELECT * FROM loaded.events");
            statement.execute("DETACH loaded");
            statement.execute("SET preserve_insertion_order = " + ordered);
            for (int run = 0; run < runs; run++) {
                Path file = work.resolve("floor" + run + ".duckdb");
                Files.deleteIfExists(file);
                statement.execute("ATTACH '" + file + "' AS floor");
                long start = System.nanoTime();
                statement.execute("CREATE TABLE floor.events AS SELECT * FROM memory_events");
                statement.execute("CHECKPOINT floor");
                times.add((System.nanoTime() - start) / 1e9);
                statement.execute("DETACH floor");
            }
        }
        return Medians.of(times);
    }
}
