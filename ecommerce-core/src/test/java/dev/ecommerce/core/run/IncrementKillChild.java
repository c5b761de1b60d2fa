package dev.ecommerce.core.run;

import dev.ecommerce.core.config.Backfill;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * An incremental ingest that {@link IncrementKillTest} kills: it prints every progress step and, at the first
 * step that starts with the given text (or its N-th, with {@code text#N}), prints {@code STOPPED} and blocks on stdin until it is killed.
 *
 * <p>Arguments: the work folder (the warehouse is {@code warehouse.duckdb} in it), the date, the step's text, and
 * optionally a backfill's first day and the day after its last (then the child backfills instead).
 */
public final class IncrementKillChild {

    static final double SCALE = 0.005;
    static final long SEED = 4;

    private IncrementKillChild() {}

    static IngestSpec spec(Path work, LocalDate date, LoadMode mode) {
        return new IngestSpec(
                work,
                work.resolve("warehouse.duckdb"),
                List.of(Table.values()),
                new GeneratorSpec(SEED, SCALE, date, 2),
                null,
                mode,
                null);
    }

    /** A backfill of {@code [from, to)} by month, as of a date. */
    static IngestSpec backfill(Path work, LocalDate date, LocalDate from, LocalDate to) {
        return spec(work, date, LoadMode.FULL).with(LoadMode.FULL, new Backfill(from, to, Backfill.Chunk.MONTH));
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        LocalDate date = LocalDate.parse(args[1]);
        // "text" stops at the first step starting with it, "text#N" at the N-th.
        String point = args[2].contains("#") ? args[2].substring(0, args[2].indexOf('#')) : args[2];
        int[] left = {args[2].contains("#") ? Integer.parseInt(args[2].substring(args[2].indexOf('#') + 1)) : 1};
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        IngestSpec spec = args.length > 3
                ? backfill(work, date, LocalDate.parse(args[3]), LocalDate.parse(args[4]))
                : spec(work, date, LoadMode.INCREMENTAL);
        Pipeline.ingest(spec, event -> {
            if (event instanceof ProgressEvent.Step step) {
                out.println("STEP " + step.message());
                if (step.message().startsWith(point) && --left[0] == 0) {
                    out.println("STOPPED " + point);
                    try {
                        System.in.read(); // until killed
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        out.println("DONE");
    }
}
