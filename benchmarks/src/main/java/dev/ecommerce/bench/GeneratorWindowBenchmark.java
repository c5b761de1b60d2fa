package dev.ecommerce.bench;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.thelook.ThelookGenerator;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generator alone, without a warehouse: the whole world against the windows of a one-day increment, in one
 * warm JVM. The increment sees the world a day after the full load, with each table's window where an
 * incremental ingest puts it (the earlier date minus the table's lookback: 11 days for orders and their items,
 * 60 for inventory, none for users and events). Medians over the runs, after one warm-up round.
 * Usage: {@code GeneratorWindowBenchmark <scale> <runs>}.
 */
public final class GeneratorWindowBenchmark {

    private record Run(double seconds, double cpuSeconds, long rows) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) {
        Locale.setDefault(Locale.ENGLISH);
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        int threads = Runtime.getRuntime().availableProcessors();
        LocalDate day0 = GeneratorSpec.DEFAULT_ANCHOR;
        GeneratorSpec full = new GeneratorSpec(42, scale, day0, threads);
        GeneratorSpec next = new GeneratorSpec(42, scale, day0.plusDays(1), threads);
        Instant since = day0.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Table, Instant> increment = new EnumMap<>(Table.class);
        Map<Table, Instant> oneDay = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            if (table.changesWithin() != null) {
                increment.put(table, since.minus(table.changesWithin()));
                oneDay.put(table, since);
            }
        }
        List<Double> fullTimes = new ArrayList<>(), incrementTimes = new ArrayList<>(), oneDayTimes = new ArrayList<>();
        List<Double> fullCpu = new ArrayList<>(), incrementCpu = new ArrayList<>(), oneDayCpu = new ArrayList<>();
        long fullRows = 0, incrementRows = 0, oneDayRows = 0;
        for (int run = 0; run <= runs; run++) { // run 0 warms the JVM up
            Run f = generate(full, Map.of());
            Run i = generate(next, increment);
            Run d = generate(next, oneDay);
            System.out.printf(
                    "%s %d: full %.3f s (cpu %.3f s, %,d rows), increment %.3f s (cpu %.3f s, %,d rows),"
                            + " one day %.3f s (cpu %.3f s, %,d rows)%n",
                    run == 0 ? "warm-up" : "run",
                    run,
                    f.seconds(),
                    f.cpuSeconds(),
                    f.rows(),
                    i.seconds(),
                    i.cpuSeconds(),
                    i.rows(),
                    d.seconds(),
                    d.cpuSeconds(),
                    d.rows());
            if (run > 0) {
                fullTimes.add(f.seconds());
                incrementTimes.add(i.seconds());
                oneDayTimes.add(d.seconds());
                fullCpu.add(f.cpuSeconds());
                incrementCpu.add(i.cpuSeconds());
                oneDayCpu.add(d.cpuSeconds());
                fullRows = f.rows();
                incrementRows = i.rows();
                oneDayRows = d.rows();
            }
        }
        report("increment (each table's lookback)", fullTimes, incrementTimes, fullCpu, incrementCpu);
        report("one day (every table)", fullTimes, oneDayTimes, fullCpu, oneDayCpu);
        System.out.printf(
                "rows: full %,d, increment %,d (ratio %.4f), one day %,d (ratio %.4f); scale %s, %d threads%n",
                fullRows,
                incrementRows,
                incrementRows / (double) fullRows,
                oneDayRows,
                oneDayRows / (double) fullRows,
                scale,
                threads);
    }

    private static Run generate(GeneratorSpec spec, Map<Table, Instant> since) {
        long[] rows = {0};
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        Map<Table, dev.ecommerce.core.schema.Window> windows = new java.util.EnumMap<>(Table.class);
        since.forEach((table, from) -> windows.put(table, dev.ecommerce.core.schema.Window.since("created_at", from)));
        new ThelookGenerator(spec)
                .generate(EnumSet.allOf(Table.class), windows, batch -> rows[0] += batch.size(), table -> {});
        return new Run((System.nanoTime() - start) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9, rows[0]);
    }

    private static void report(
            String name, List<Double> full, List<Double> window, List<Double> fullCpu, List<Double> windowCpu) {
        double f = Medians.of(full), w = Medians.of(window), fc = Medians.of(fullCpu), wc = Medians.of(windowCpu);
        System.out.printf(
                "%s: %.3f s vs full %.3f s: time ratio %.3f; cpu %.3f s vs %.3f s: ratio %.3f%n",
                name, w, f, w / f, wc, fc, wc / fc);
    }
}
