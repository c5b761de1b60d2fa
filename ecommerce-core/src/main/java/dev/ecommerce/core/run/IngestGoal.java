package dev.ecommerce.core.run;

import dev.ecommerce.core.config.Backfill;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.source.CostEstimate;
import dev.ecommerce.core.source.Source;
import dev.ecommerce.core.warehouse.BackfillMark;
import dev.ecommerce.core.warehouse.BulkPath;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.TableChanges;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The ingest goal: the source's rows into the warehouse, then a new manifest. A full load swaps every table in
 * whole; an increment replaces each table's window; a backfill replaces its range chunk by chunk, each chunk
 * committed with its state. Every commit is one transaction with the tables' state ({@link TableOrigin}).
 */
final class IngestGoal {

    private IngestGoal() {}

    /** Per table, what this run did: over a backfill's chunks, summed. */
    private static final class Tally {
        final Map<Table, Long> rows = new EnumMap<>(Table.class);
        final Map<Table, Double> seconds = new EnumMap<>(Table.class);
        final Map<Table, TableChanges> changes = new EnumMap<>(Table.class);
        final Map<Table, TableOrigin> origins = new EnumMap<>(Table.class);
        final Map<Table, Integer> chunks = new EnumMap<>(Table.class);
        final java.util.Set<Table> kept = EnumSet.noneOf(Table.class);

        void add(Map<Table, TableOrigin> recorded, Load load, LoadSink sink, boolean chunk) {
            recorded.forEach((table, origin) -> {
                rows.merge(table, load.rows(table), Long::sum);
                seconds.merge(table, sink.seconds(table), Double::sum);
                changes.merge(
                        table,
                        origin.changes(),
                        (a, b) -> new TableChanges(
                                a.inserted() + b.inserted(), a.updated() + b.updated(), a.deleted() + b.deleted()));
                origins.put(table, origin);
                if (chunk && origin.window() != null) {
                    chunks.merge(table, 1, Integer::sum);
                }
            });
        }
    }

    static Pipeline.IngestResult run(IngestSpec spec, ProgressListener progress) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        long start = System.nanoTime();
        Consumer<String> log = line -> progress.on(new ProgressEvent.Step(line));
        log.accept("Ingesting " + Table.sqlNames(spec.tables()) + " from "
                + spec.source().describe() + " into " + spec.warehouse());
        spec.source().unusedSettings(spec.tables()).forEach(w -> progress.on(new ProgressEvent.Warning(w)));
        Source source = Source.of(spec.source());
        Warehouse warehouse = null;
        try {
            // One open for the state and the load; a dry run only reads, and a missing warehouse is created only
            // once the estimate passed.
            Map<Table, TableOrigin> origins;
            if (spec.source().dryRun()) {
                origins = TableOrigins.read(spec);
            } else if (Files.isRegularFile(spec.warehouse())) {
                warehouse = Warehouse.openForWrite(spec.warehouse(), spec.duckDb());
                origins = warehouse.origins();
            } else {
                origins = Map.of();
            }
            TableOrigins.requireNoMix(spec, origins);
            Tally tally = new Tally();
            Map<String, Long> estimated;
            if (spec.backfill() != null) {
                Backfills backfills =
                        new Backfills(spec, origins, warehouse == null ? Map.of() : warehouse.backfills());
                estimated = estimate(spec, source, spec.tables(), backfills.range(), log);
                if (!spec.source().dryRun()) {
                    warehouse = warehouse != null ? warehouse : Warehouse.openForWrite(spec.warehouse(), spec.duckDb());
                    backfills.run(warehouse, source, runId, progress, start, tally);
                }
            } else {
                Map<Table, Window> windows = TableOrigins.windows(spec, origins, log);
                List<Table> kept = TableOrigins.unchanged(spec, origins, log);
                List<Table> read =
                        spec.tables().stream().filter(t -> !kept.contains(t)).toList();
                estimated = estimate(spec, source, read, windows, log);
                if (!spec.source().dryRun()) {
                    warehouse = warehouse != null ? warehouse : Warehouse.openForWrite(spec.warehouse(), spec.duckDb());
                    load(spec, warehouse, source, read, kept, windows, null, runId, progress, start, tally);
                }
            }
            if (spec.source().dryRun()) {
                log.accept("Dry run (" + Setting.DRY_RUN.ref() + "): nothing was read or loaded");
                return new Pipeline.IngestResult(runId, List.of(), (System.nanoTime() - start) / 1e9, true);
            }
            return finish(spec, runId, started, start, tally, estimated);
        } finally {
            if (warehouse != null) {
                warehouse.close();
            }
        }
    }

    /**
     * Estimates, before anything is read, what reading the tables will bill (a source that bills checks its cost
     * caps here); a dry run of a part also shows what reading everything would bill.
     */
    private static Map<String, Long> estimate(
            IngestSpec spec, Source source, List<Table> tables, Map<Table, Window> windows, Consumer<String> log) {
        if (tables.isEmpty()) {
            return null;
        }
        CostEstimate estimate = source.estimate(EnumSet.copyOf(tables), windows, log);
        if (spec.source().dryRun() && !windows.isEmpty() && !estimate.bytes().isEmpty()) {
            source.compareWithFullRead(EnumSet.copyOf(tables), estimate, log);
        }
        return estimate.bytes().isEmpty() ? null : byName(estimate);
    }

    /**
     * One load, committed in one transaction with the tables' state: the read tables (whole, or their window),
     * and the kept tables' origins.
     */
    static void load(
            IngestSpec spec,
            Warehouse warehouse,
            Source source,
            List<Table> read,
            List<Table> kept,
            Map<Table, Window> windows,
            BackfillMark backfill,
            String runId,
            ProgressListener progress,
            long start,
            Tally tally) {
        try (Load load = warehouse.beginLoad(read)) {
            progress.on(new ProgressEvent.Step(
                    load.path() == BulkPath.ARROW
                            ? "Bulk load: Arrow streams, one DuckDB loader per table"
                            : "Bulk load: DuckDB Appender (add " + BulkPath.ARROW_JVM_FLAG
                                    + " to .mvn/jvm.config or MAVEN_OPTS for the faster Arrow path)"));
            LoadSink sink = new LoadSink(load, progress, start);
            if (!read.isEmpty()) {
                source.read(EnumSet.copyOf(read), windows, sink);
            }
            progress.on(new ProgressEvent.Step("Replacing " + Table.sqlNames(read)
                    + (windows.isEmpty() ? "" : " (" + windows.size() + " by window)") + " and their state"
                    + " in one transaction"));
            Map<Table, TableOrigin> pending = new EnumMap<>(Table.class);
            Map<Table, Increment> increments = new EnumMap<>(Table.class);
            for (Table table : spec.tables()) {
                if (!read.contains(table) && !kept.contains(table)) {
                    continue;
                }
                Increment increment = spec.increment(table);
                if (increment != null) {
                    increments.put(table, increment);
                }
                pending.put(
                        table,
                        TableOrigin.pending(
                                spec.source().kind(),
                                TableOrigins.fingerprint(spec, table),
                                TableOrigins.world(spec, table),
                                runId,
                                load.rows(table),
                                increment == null ? null : increment.cursorColumn(),
                                windows.get(table)));
            }
            tally.add(load.commit(pending, windows, increments, backfill), load, sink, backfill != null);
            tally.kept.addAll(kept);
        }
    }

    private static Pipeline.IngestResult finish(
            IngestSpec spec, String runId, Instant started, long start, Tally tally, Map<String, Long> estimated) {
        List<TableSummary> summaries = new ArrayList<>();
        List<RunManifest.TableEntry> entries = new ArrayList<>();
        for (Table table : spec.tables()) {
            TableOrigin origin = tally.origins.get(table);
            if (origin == null) {
                continue; // a backfill with nothing left to do
            }
            String mode = spec.backfill() != null && origin.window() != null
                    ? "backfill"
                    : origin.window() != null ? "incremental" : tally.kept.contains(table) ? "kept" : "full";
            long rows = tally.rows.get(table);
            double seconds = tally.seconds.get(table);
            TableChanges changes = tally.changes.get(table);
            summaries.add(TableSummary.ingested(table, rows, seconds, mode, changes, origin.cursor()));
            String window = spec.backfill() != null && origin.window() != null
                    ? origin.window().column() + " " + spec.backfill().fromInstant() + " .. "
                            + spec.backfill().toInstant()
                    : origin.window() == null ? null : origin.window().column() + " " + origin.window();
            entries.add(new RunManifest.TableEntry(
                    table.sqlName(),
                    rows,
                    RunManifest.seconds(seconds),
                    mode,
                    window,
                    changes.inserted(),
                    changes.updated(),
                    changes.deleted(),
                    origin.cursor() == null ? null : origin.cursor().toString(),
                    tally.chunks.get(table)));
        }
        RunManifest.ofIngest(
                        runId,
                        new RunManifest.Ingest(
                                started.toString(),
                                Instant.now().toString(),
                                spec.source().parameters(),
                                RunManifest.relative(spec.workDirectory(), spec.warehouse()),
                                entries,
                                estimated))
                .write(spec.workDirectory());
        return new Pipeline.IngestResult(runId, summaries, (System.nanoTime() - start) / 1e9, false);
    }

    private static Map<String, Long> byName(CostEstimate estimate) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        estimate.bytes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> bytes.put(e.getKey().sqlName(), e.getValue()));
        return bytes;
    }

    /** A backfill's plan: its chunks, where it resumes, and the loop that commits them one by one. */
    private static final class Backfills {

        private final IngestSpec spec;
        private final Backfill backfill;
        private final List<Table> windowed = new ArrayList<>();
        private final List<Table> whole = new ArrayList<>();
        private final Instant resumeAt;

        Backfills(IngestSpec spec, Map<Table, TableOrigin> origins, Map<Table, BackfillMark> marks) {
            this.spec = spec;
            this.backfill = spec.backfill();
            for (Table table : spec.tables()) {
                (spec.increment(table) == null ? whole : windowed).add(table);
            }
            TableOrigins.requireSameWorld(spec, windowed, origins);
            Instant at = windowed.isEmpty() ? backfill.fromInstant() : backfill.toInstant();
            for (Table table : windowed) {
                BackfillMark mark = marks.get(table);
                boolean resumes = mark != null
                        && mark.resumes(
                                backfill.fromInstant(),
                                backfill.toInstant(),
                                chunkName(),
                                TableOrigins.world(spec, table));
                Instant from = resumes ? mark.doneUntil() : backfill.fromInstant();
                at = from.isBefore(at) ? from : at;
            }
            this.resumeAt = at;
        }

        private String chunkName() {
            return backfill.chunk().name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The whole range as each windowed table's window, for the estimate. */
        Map<Table, Window> range() {
            Map<Table, Window> range = new EnumMap<>(Table.class);
            for (Table table : windowed) {
                range.put(
                        table,
                        new Window(spec.increment(table).windowColumn(), backfill.fromInstant(), backfill.toInstant()));
            }
            return range;
        }

        void run(Warehouse warehouse, Source source, String runId, ProgressListener progress, long start, Tally tally) {
            Consumer<String> log = line -> progress.on(new ProgressEvent.Step(line));
            List<Window> chunks = backfill.windows("created_at");
            if (windowed.isEmpty()) {
                log.accept("Backfill " + backfill + ": " + Table.sqlNames(spec.tables())
                        + " have no window column; loading them whole");
                load(spec, warehouse, source, whole, List.of(), Map.of(), null, runId, progress, start, tally);
                return;
            }
            long done =
                    chunks.stream().filter(c -> !c.until().isAfter(resumeAt)).count();
            log.accept("Backfill " + backfill + " of " + Table.sqlNames(windowed) + ": " + chunks.size() + " chunks"
                    + (done > 0
                            ? ", resuming at " + resumeAt + " (the " + done + " before were committed by an earlier"
                                    + " run)"
                            : "")
                    + (whole.isEmpty() ? "" : "; " + Table.sqlNames(whole) + " whole with the first chunk"));
            boolean first = true;
            for (int i = 0; i < chunks.size(); i++) {
                Window chunk = chunks.get(i);
                if (!chunk.until().isAfter(resumeAt)) {
                    continue;
                }
                log.accept("Backfill chunk " + (i + 1) + " of " + chunks.size() + ": " + chunk);
                Map<Table, Window> windows = new EnumMap<>(Table.class);
                for (Table table : windowed) {
                    windows.put(table, new Window(spec.increment(table).windowColumn(), chunk.from(), chunk.until()));
                }
                List<Table> read = new ArrayList<>(windowed);
                if (first) {
                    read.addAll(whole);
                }
                first = false;
                BackfillMark mark = new BackfillMark(
                        backfill.fromInstant(),
                        backfill.toInstant(),
                        chunkName(),
                        chunk.until(),
                        TableOrigins.world(spec, windowed.get(0)));
                load(spec, warehouse, source, read, List.of(), windows, mark, runId, progress, start, tally);
            }
        }
    }
}
