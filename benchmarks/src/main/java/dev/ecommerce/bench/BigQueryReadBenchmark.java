package dev.ecommerce.bench;

import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.testkit.bigquery.LocalBigQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code events} through the local BigQuery server into a fresh DuckDB warehouse, end to end through the
 * plugin's code path: Storage Read API with Arrow vs REST paging, in the same run (one server, alternating).
 * Usage: {@code BigQueryReadBenchmark <scale> <runs> <work dir>}.
 */
public final class BigQueryReadBenchmark {

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        GeneratorSpec data = new GeneratorSpec(42, scale, GeneratorSpec.DEFAULT_ANCHOR, 2);
        long serverStart = System.nanoTime();
        try (LocalBigQuery server = LocalBigQuery.builder().generator(data).start()) {
            System.out.printf(
                    Locale.ROOT,
                    "local server filled at scale %s in %.1f s%n",
                    scale,
                    (System.nanoTime() - serverStart) / 1e9);
            List<Double> storage = new ArrayList<>();
            List<Double> rest = new ArrayList<>();
            long rows = 0;
            for (int run = 0; run < runs; run++) {
                for (String path : List.of("storage", "rest")) {
                    Path dir = work.resolve(path + run);
                    Files.createDirectories(dir);
                    Files.deleteIfExists(dir.resolve("warehouse.duckdb"));
                    var spec = BigQueryParameters.builder()
                            .gcpProject("bench-project")
                            .readPath(path)
                            .timeoutSeconds(60)
                            .endpoints(server.restEndpoint(), server.grpcEndpoint())
                            .build()
                            .toSpec(Settings.none());
                    long start = System.nanoTime();
                    Pipeline.IngestResult result = Pipeline.ingest(
                            new IngestSpec(dir, dir.resolve("warehouse.duckdb"), List.of(Table.EVENTS), spec),
                            ProgressListener.NONE);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rows = result.tables().stream()
                            .mapToLong(TableSummary::rows)
                            .sum();
                    (path.equals("storage") ? storage : rest).add(seconds);
                    System.out.printf(
                            Locale.ROOT,
                            "run %d %-7s %,d rows %.2f s %,.0f rows/s%n",
                            run + 1,
                            path,
                            rows,
                            seconds,
                            rows / seconds);
                }
            }
            double s = Medians.of(storage);
            double r = Medians.of(rest);
            System.out.printf(Locale.ROOT, "events at scale %s (%,d rows), medians of %d runs:%n", scale, rows, runs);
            System.out.printf(Locale.ROOT, "  Storage Read (Arrow): %.2f s, %,.0f rows/s%n", s, rows / s);
            System.out.printf(Locale.ROOT, "  REST paging:          %.2f s, %,.0f rows/s%n", r, rows / r);
            System.out.printf(
                    Locale.ROOT,
                    "  ratio REST / Arrow: %.1f (goal: at least 5); Arrow rows/s goal: 1,000,000%n",
                    r / s);
        }
    }
}
