package dev.ecommerce.core.run;

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
 * step that starts with the given text, prints {@code STOPPED} and blocks on stdin until it is killed.
 *
 * <p>Arguments: the work folder (the warehouse is {@code warehouse.duckdb} in it), the date, the step's text.
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

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        LocalDate date = LocalDate.parse(args[1]);
        String point = args[2];
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Pipeline.ingest(spec(work, date, LoadMode.INCREMENTAL), event -> {
            if (event instanceof ProgressEvent.Step step) {
                out.println("STEP " + step.message());
                if (step.message().startsWith(point)) {
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
