package dev.ecommerce.bench;

import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.testkit.bigquery.LocalBigQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-day increment against the full load of the same warehouse, in the same run: from the local BigQuery
 * server (advanced by a day between the loads, outside the timing) and from the generator. Per run: the full
 * load of day 0, then the increment of day 1, timed alone; medians over the runs.
 * Usage: {@code IncrementalBenchmark <scale> <runs> <work dir> [generator]}; with {@code generator}, only from the
 * generator.
 */
public final class IncrementalBenchmark {

    private record Load(double seconds, long rows) {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        boolean bigQueryToo = args.length < 4 || !args[3].equals("generator");
        LocalDate day0 = GeneratorSpec.DEFAULT_ANCHOR;
        LocalDate day1 = day0.plusDays(1);
        int threads = Runtime.getRuntime().availableProcessors();
        List<Double> bqFull = new ArrayList<>(), bqIncrement = new ArrayList<>();
        List<Double> genFull = new ArrayList<>(), genIncrement = new ArrayList<>();
        long bqFullRows = 0, bqIncrementRows = 0, genFullRows = 0, genIncrementRows = 0;
        for (int run = 1; run <= runs && bigQueryToo; run++) {
            try (LocalBigQuery server = LocalBigQuery.builder()
                    .generator(new GeneratorSpec(42, scale, day0, threads))
                    .start()) {
                SourceSpec bigQuery = new BigQueryParameters()
                        .gcpProject("bench-project")
                        .readPath("storage")
                        .endpoints(server.restEndpoint(), server.grpcEndpoint())
                        .toSpec(Settings.none());
                Path warehouse = fresh(dir.resolve("bq-" + run));
                Load full = load(warehouse, bigQuery, LoadMode.FULL);
                server.advanceTo(day1);
                Load increment = load(warehouse, bigQuery, LoadMode.INCREMENTAL);
                bqFull.add(full.seconds());
                bqIncrement.add(increment.seconds());
                bqFullRows = full.rows();
                bqIncrementRows = increment.rows();
                System.out.printf(
                        "run %d bigquery: full %.2f s (%,d rows), increment %.2f s (%,d rows)%n",
                        run, full.seconds(), full.rows(), increment.seconds(), increment.rows());
            }
        }
        for (int run = 1; run <= runs; run++) {
            Path warehouse = fresh(dir.resolve("gen-" + run));
            Load full = load(warehouse, new GeneratorSpec(42, scale, day0, threads), LoadMode.FULL);
            Load increment = load(warehouse, new GeneratorSpec(42, scale, day1, threads), LoadMode.INCREMENTAL);
            genFull.add(full.seconds());
            genIncrement.add(increment.seconds());
            genFullRows = full.rows();
            genIncrementRows = increment.rows();
            System.out.printf(
                    "run %d generator: full %.2f s (%,d rows), increment %.2f s (%,d rows)%n",
                    run, full.seconds(), full.rows(), increment.seconds(), increment.rows());
        }
        if (bigQueryToo) {
            report("bigquery (local server, Storage Read)", bqFull, bqIncrement, bqFullRows, bqIncrementRows);
        }
        report("generator", genFull, genIncrement, genFullRows, genIncrementRows);
        System.out.println("goal: a one-day increment takes at most 10% of the full load's time and reads at most 5%"
                + " of its rows");
    }

    private static Path fresh(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("warehouse.duckdb"));
        return dir.resolve("warehouse.duckdb");
    }

    private static Load load(Path warehouse, SourceSpec source, LoadMode mode) {
        long start = System.nanoTime();
        // BENCH_STEPS=1 prints each step of the increments with its time since the start, to see where it goes.
        boolean steps = mode == LoadMode.INCREMENTAL && "1".equals(System.getenv("BENCH_STEPS"));
        Pipeline.IngestResult result = Pipeline.ingest(
                new IngestSpec(warehouse.getParent(), warehouse, List.of(Table.values()), source, null, mode, null),
                steps
                        ? event -> {
                            if (event instanceof dev.ecommerce.core.run.ProgressEvent.Step step) {
                                System.out.printf("  %6.3f s  %s%n", (System.nanoTime() - start) / 1e9, step.message());
                            }
                        }
                        : ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Load(
                seconds, result.tables().stream().mapToLong(TableSummary::rows).sum());
    }

    private static void report(String name, List<Double> full, List<Double> increment, long fullRows, long rows) {
        double f = Medians.of(full);
        double i = Medians.of(increment);
        System.out.printf(
                "%s: full %.2f s, increment %.2f s: time ratio %.3f; rows %,d of %,d: ratio %.3f%n",
                name, f, i, i / f, rows, fullRows, rows / (double) fullRows);
    }
}
