package dev.ecommerce.core.run;

import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.CostEstimate;
import dev.ecommerce.core.source.Source;
import dev.ecommerce.core.warehouse.BulkPath;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The ingest goal: the source's rows into the warehouse, every table swapped in whole, then a new manifest. */
final class IngestGoal {

    private IngestGoal() {}

    static Pipeline.IngestResult run(IngestSpec spec, ProgressListener progress) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        long start = System.nanoTime();
        progress.on(new ProgressEvent.Step("Ingesting " + Table.sqlNames(spec.tables()) + " from "
                + spec.source().describe() + " into " + spec.warehouse()));
        spec.source().unusedSettings(spec.tables()).forEach(w -> progress.on(new ProgressEvent.Warning(w)));
        Map<Table, TableOrigin> origins = TableOrigins.read(spec);
        TableOrigins.requireNoMix(spec, origins);
        Map<Table, Instant> windows =
                TableOrigins.windows(spec, origins, line -> progress.on(new ProgressEvent.Step(line)));
        Source source = Source.of(spec.source());
        // Before the warehouse is touched: a source that bills estimates and checks its cost here.
        CostEstimate estimate = source.estimate(
                EnumSet.copyOf(spec.tables()), windows, line -> progress.on(new ProgressEvent.Step(line)));
        if (spec.source().dryRun()) {
            progress.on(new ProgressEvent.Step("Dry run (" + Setting.DRY_RUN.ref() + "): nothing was read or loaded"));
            return new Pipeline.IngestResult(runId, List.of(), (System.nanoTime() - start) / 1e9, true);
        }
        try (Warehouse warehouse = Warehouse.openForWrite(spec.warehouse(), spec.duckDb());
                Load load = warehouse.beginLoad(spec.tables())) {
            progress.on(new ProgressEvent.Step(
                    load.path() == BulkPath.ARROW
                            ? "Bulk load: Arrow streams, one DuckDB loader per table"
                            : "Bulk load: DuckDB Appender (add " + BulkPath.ARROW_JVM_FLAG
                                    + " to .mvn/jvm.config or MAVEN_OPTS for the faster Arrow path)"));
            LoadSink sink = new LoadSink(load, progress, start);
            source.read(EnumSet.copyOf(spec.tables()), windows, sink);
            progress.on(new ProgressEvent.Step("Replacing " + Table.sqlNames(spec.tables())
                    + (windows.isEmpty() ? "" : " (" + windows.size() + " by window)")
                    + " and their state in one transaction"));
            load.commit(
                    runId,
                    spec.source().kind(),
                    table -> TableOrigins.fingerprint(spec, table),
                    table -> TableOrigins.world(spec, table),
                    windows);
            List<TableSummary> summaries = new ArrayList<>();
            List<RunManifest.TableEntry> entries = new ArrayList<>();
            for (Table table : spec.tables()) {
                summaries.add(new TableSummary(table, load.rows(table), sink.seconds(table), 0, 0));
                Instant window = windows.get(table);
                entries.add(new RunManifest.TableEntry(
                        table.sqlName(),
                        load.rows(table),
                        RunManifest.seconds(sink.seconds(table)),
                        window == null ? "full" : "incremental",
                        window == null ? null : window.toString()));
            }
            RunManifest.ofIngest(
                            runId,
                            new RunManifest.Ingest(
                                    started.toString(),
                                    Instant.now().toString(),
                                    spec.source().parameters(),
                                    RunManifest.relative(spec.workDirectory(), spec.warehouse()),
                                    entries,
                                    estimate.bytes().isEmpty() ? null : byName(estimate)))
                    .write(spec.workDirectory());
            return new Pipeline.IngestResult(runId, summaries, (System.nanoTime() - start) / 1e9, false);
        }
    }

    private static Map<String, Long> byName(CostEstimate estimate) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        estimate.bytes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> bytes.put(e.getKey().sqlName(), e.getValue()));
        return bytes;
    }
}
