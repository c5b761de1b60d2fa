package dev.ecommerce.bench;

import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ingest + local sink (the plugin's code path, through {@link Pipeline}) against a baseline that makes
 * the same number of rows, with the same column types, with DuckDB SQL alone and writes them to the same
 * CSV and Parquet formats. Each measurement runs in its own JVM (see run.sh) and prints one TSV line:
 * mode, rows, seconds, peak RSS in MiB. {@code report} summarises the lines with medians and the ratio.
 */
public final class IngestSinkBenchmark {

    /** Rows per user of the per-user tables, as the real dataset has them. */
    private static final Map<Table, Double> PER_USER = Map.of(
            Table.USERS, 1.0,
            Table.ORDERS, 1.25,
            Table.ORDER_ITEMS, 1.8125,
            Table.INVENTORY_ITEMS, 4.894,
            Table.EVENTS, 24.25);

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        double scale = Double.parseDouble(args[1]);
        Path path = Path.of(args[2]);
        switch (mode) {
            case "pipeline" -> measure(mode, () -> pipeline(scale, path));
            case "baseline" -> measure(mode, () -> baseline(scale, path));
            case "report" -> report(scale, path);
            default -> throw new IllegalArgumentException("mode must be pipeline, baseline or report");
        }
    }

    interface Job {
        long run() throws Exception;
    }

    private static void measure(String mode, Job job) throws Exception {
        long start = System.nanoTime();
        long rows = job.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s\t%d\t%.3f\t%d%n", mode, rows, seconds, peakRssMiB());
    }

    private static long pipeline(double scale, Path dir) throws IOException {
        clean(dir);
        GeneratorSpec generator = new GeneratorSpec(
                42, scale, GeneratorSpec.DEFAULT_ANCHOR, Runtime.getRuntime().availableProcessors());
        Path warehouse = dir.resolve("warehouse.duckdb");
        List<Table> tables = List.of(Table.values());
        long start = System.nanoTime();
        Pipeline.ingest(new IngestSpec(dir, warehouse, tables, generator), ProgressListener.NONE);
        System.err.printf(Locale.ROOT, "ingest %.2f s%n", (System.nanoTime() - start) / 1e9);
        Pipeline.SinkResult sink = Pipeline.sink(
                new SinkSpec(
                        dir,
                        warehouse,
                        tables,
                        List.of(new LocalDestinationSpec(dir.resolve("out"), java.util.Set.of(FileFormat.values())))),
                ProgressListener.NONE);
        return sink.tables().stream().mapToLong(TableSummary::rows).sum();
    }

    private static long baseline(double scale, Path dir) throws Exception {
        clean(dir);
        Files.createDirectories(dir.resolve("out"));
        long users = Math.round(scale * 100_000);
        long total = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (Table table : Table.values()) {
                long rows = switch (table) {
                    case DISTRIBUTION_CENTERS -> 10;
                    case PRODUCTS -> 29_120;
                    default -> Math.round(users * PER_USER.get(table));
                };
                total += rows;
                statement.execute("CREATE TABLE " + table.sqlName() + " AS SELECT " + columns(table) + " FROM range("
                        + rows + ") r(i)");
                for (FileFormat format : FileFormat.values()) {
                    Path target = dir.resolve("out").resolve(table.sqlName() + "." + format.extension());
                    statement.execute("COPY " + table.sqlName() + " TO '" + target.toAbsolutePath() + "' ("
                            + format.copyOptions() + ")");
                }
            }
        }
        return total;
    }

    /** Synthetic values of the table's column types and of similar widths to the generator's. */
    private static String columns(Table table) {
        List<String> expressions = new ArrayList<>();
        int c = 0;
        for (Column column : table.columns()) {
            c++;
            String expression = switch (column.type()) {
                case BIGINT -> c == 1 ? "i + 1" : "(i * " + (7919 * c) + ") % 100000";
                case DOUBLE -> "round(random() * 1000, 2)";
                case VARCHAR ->
                    column.name().equals("session_id")
                            ? "uuid()::VARCHAR"
                            : "lpad(((i * " + (7919 * c) + ") % 1000003)::VARCHAR, " + (6 + c % 14) + ", 'x')";
                case TIMESTAMPTZ ->
                    "TIMESTAMPTZ '2019-01-01 00:00:00+00' + to_seconds(((i * 104729 + " + c + ") % 220000000)::BIGINT)";
            };
            expressions.add(expression + " AS " + column.name());
        }
        return String.join(", ", expressions);
    }

    private static void report(double scale, Path results) throws IOException {
        Map<String, List<double[]>> byMode = new TreeMap<>();
        for (String line : Files.readAllLines(results)) {
            String[] f = line.split("\t");
            byMode.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
        }
        System.out.printf(
                Locale.ROOT,
                "ingest + local sink (csv, parquet) at scale %s, %d runs each, medians%n",
                scale,
                byMode.values().iterator().next().size());
        System.out.printf(
                Locale.ROOT, "%-9s %12s %9s %12s %14s%n", "mode", "rows", "seconds", "rows/s", "peak RSS MiB");
        Map<String, Double> medians = new TreeMap<>();
        byMode.forEach((mode, runs) -> {
            double rows = runs.get(0)[0];
            double seconds = Medians.of(runs.stream().map(r -> r[1]).collect(Collectors.toList()));
            double rss = runs.stream().mapToDouble(r -> r[2]).max().orElse(0);
            medians.put(mode, seconds);
            System.out.printf(
                    Locale.ROOT, "%-9s %,12.0f %9.2f %,12.0f %14.0f%n", mode, rows, seconds, rows / seconds, rss);
        });
        if (medians.containsKey("baseline") && medians.containsKey("pipeline")) {
            System.out.printf(
                    Locale.ROOT,
                    "ratio pipeline / baseline: %.2f (goal: at most 2.0)%n",
                    medians.get("pipeline") / medians.get("baseline"));
        }
    }

    private static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
