package dev.ecommerce.core.run;

import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A build that {@link SinkKillTest} kills: ingests with a seed, then sinks every table as CSV and Parquet to
 * {@code <work>/out}. It prints one line per progress event and, at the named point, prints {@code STOPPED}
 * and blocks on stdin (or, for {@code file:N:go}, goes on writing) until the test kills it.
 *
 * <p>Arguments: the work folder, the seed, the point: {@code file:N} (after the N-th file of the new
 * generation), {@code staged} (every file written, before the switch), {@code published} (after the switch,
 * before manifest.json), {@code none}.
 */
public final class SinkKillChild {

    static final double SCALE = 0.002;
    static final List<Table> TABLES = List.of(Table.values());

    private SinkKillChild() {}

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        String point = args[2];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Pipeline.IngestResult ingest = ingest(work, seed);
        out.println("RUN " + ingest.runId());
        for (TableSummary table : ingest.tables()) {
            out.println("ROWS " + table.table().sqlName() + " " + table.rows());
        }
        int[] files = {0};
        sink(work, event -> {
            String reached = null;
            if (event instanceof ProgressEvent.FileWritten f) {
                files[0]++;
                out.println("FILE " + files[0] + " " + f.location());
                reached = "file:" + files[0];
            } else if (event instanceof ProgressEvent.GenerationStaged g) {
                out.println("STAGED " + g.generation());
                reached = "staged";
            } else if (event instanceof ProgressEvent.GenerationPublished g) {
                out.println("PUBLISHED " + g.generation());
                reached = "published";
            }
            if (reached != null && (point.equals(reached) || point.equals(reached + ":go"))) {
                out.println("STOPPED " + point);
                if (!point.endsWith(":go")) {
                    block();
                }
            }
        });
        out.println("DONE");
    }

    static Pipeline.IngestResult ingest(Path work, long seed) {
        return Pipeline.ingest(
                new IngestSpec(work, work.resolve("warehouse.duckdb"), TABLES, Fixtures.generator(seed, SCALE, 2)),
                ProgressListener.NONE);
    }

    static Pipeline.SinkResult sink(Path work, ProgressListener progress) {
        return Pipeline.sink(
                new SinkSpec(
                        work,
                        work.resolve("warehouse.duckdb"),
                        TABLES,
                        List.of(new LocalDestinationSpec(
                                work.resolve("out"), Set.of(FileFormat.CSV, FileFormat.PARQUET)))),
                progress);
    }

    /** Waits for the kill: the test never closes our stdin. */
    private static void block() {
        try {
            while (System.in.read() >= 0) {
                // keep waiting
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("stdin closed: the test should have killed this process");
    }
}
