package dev.ecommerce.core.run;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.sink.Destination;
import dev.ecommerce.core.sink.OutputFile;
import dev.ecommerce.core.source.CostEstimate;
import dev.ecommerce.core.source.Source;
import dev.ecommerce.core.warehouse.BulkPath;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The entry point of the core: one method per goal, immutable specs in, results out. */
public final class Pipeline {

    /** What ingest did. */
    public record IngestResult(String runId, List<TableSummary> tables, double seconds, boolean dryRun) {}

    /** What sink did. */
    public record SinkResult(String runId, List<TableSummary> tables, List<OutputFile> files, double seconds) {}

    private Pipeline() {}

    /**
     * Reads the configured tables from the source into the warehouse. Every table is replaced only after
     * all its rows arrived; on failure the warehouse keeps its previous tables.
     */
    public static IngestResult ingest(IngestSpec spec, ProgressListener progress) {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        long start = System.nanoTime();
        progress.on(new ProgressEvent.Step("Ingesting " + names(spec.tables()) + " from " + describe(spec.source())
                + " into " + spec.warehouse()));
        Source source = Source.of(spec.source());
        // Before the warehouse is touched: a source that bills estimates and checks its cost here.
        CostEstimate estimate =
                source.estimate(EnumSet.copyOf(spec.tables()), line -> progress.on(new ProgressEvent.Step(line)));
        if (spec.source() instanceof BigQuerySpec bigQuery && bigQuery.dryRun()) {
            progress.on(new ProgressEvent.Step("Dry run (ecommerce.dryRun): nothing was read or loaded"));
            return new IngestResult(runId, List.of(), (System.nanoTime() - start) / 1e9, true);
        }
        try (Warehouse warehouse = Warehouse.openForWrite(spec.warehouse());
                Load load = warehouse.beginLoad(spec.tables())) {
            progress.on(new ProgressEvent.Step(
                    load.path() == BulkPath.ARROW
                            ? "Bulk load: Arrow streams, one DuckDB loader per table"
                            : "Bulk load: DuckDB Appender (add " + BulkPath.ARROW_JVM_FLAG
                                    + " to .mvn/jvm.config or MAVEN_OPTS for the faster Arrow path)"));
            LoadSink sink = new LoadSink(load, progress, start);
            source.read(EnumSet.copyOf(spec.tables()), sink);
            load.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            List<TableSummary> summaries = new ArrayList<>();
            List<RunManifest.TableEntry> entries = new ArrayList<>();
            for (Table table : spec.tables()) {
                double tableSeconds = sink.seconds(table);
                summaries.add(new TableSummary(table, load.rows(table), tableSeconds, 0, 0));
                entries.add(new RunManifest.TableEntry(table.sqlName(), load.rows(table), round(tableSeconds)));
            }
            new RunManifest(
                            RunManifest.FORMAT_VERSION,
                            runId,
                            new RunManifest.Ingest(
                                    started.toString(),
                                    Instant.now().toString(),
                                    sourceParameters(spec.source()),
                                    relative(spec.workDirectory(), spec.warehouse()),
                                    entries,
                                    estimate.bytes().isEmpty() ? null : estimatedBytes(estimate)),
                            null)
                    .write(spec.workDirectory());
            return new IngestResult(runId, summaries, seconds, false);
        }
    }

    /**
     * Exports tables from the warehouse to every destination. A failing destination is recorded in the
     * manifest and rethrown; files already written stay valid.
     */
    public static SinkResult sink(SinkSpec spec, ProgressListener progress) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        RunManifest previous = RunManifest.read(spec.workDirectory()).orElse(null);
        String runId = previous != null ? previous.runId() : UUID.randomUUID().toString();
        List<OutputFile> files = new ArrayList<>();
        List<RunManifest.DestinationEntry> outcomes = new ArrayList<>();
        Map<Table, double[]> seconds = new EnumMap<>(Table.class);
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        try (Warehouse warehouse = Warehouse.openForRead(spec.warehouse())) {
            List<String> missing = spec.tables().stream()
                    .filter(t -> !warehouse.exists(t))
                    .map(Table::sqlName)
                    .toList();
            if (!missing.isEmpty()) {
                throw new DataException(
                        "The warehouse " + spec.warehouse() + " has no table " + String.join(", ", missing)
                                + ": run ingest with these tables (-Decommerce.tables) or leave them out of the sink's <tables>.");
            }
            spec.tables().forEach(t -> rows.put(t, warehouse.rowCount(t)));
            for (DestinationSpec destinationSpec : spec.destinations()) {
                String name = destinationSpec.kind().name().toLowerCase(Locale.ROOT);
                progress.on(new ProgressEvent.Step("Sinking " + names(spec.tables()) + " to " + name));
                long[] fileStart = {System.nanoTime()};
                try {
                    Destination.of(destinationSpec).write(warehouse, spec.tables(), runId, file -> {
                        long now = System.nanoTime();
                        seconds.computeIfAbsent(file.table(), t -> new double[1])[0] += (now - fileStart[0]) / 1e9;
                        fileStart[0] = now;
                        files.add(file);
                        progress.on(new ProgressEvent.FileWritten(file.table(), file.location(), file.bytes()));
                    });
                    outcomes.add(new RunManifest.DestinationEntry(name, "succeeded", null));
                } catch (EcommerceException e) {
                    outcomes.add(new RunManifest.DestinationEntry(name, "failed", e.getMessage()));
                    writeSinkManifest(spec, previous, runId, started, outcomes, files);
                    throw e;
                }
            }
        }
        writeSinkManifest(spec, previous, runId, started, outcomes, files);
        List<TableSummary> summaries = new ArrayList<>();
        for (Table table : spec.tables()) {
            List<OutputFile> own =
                    files.stream().filter(f -> f.table() == table).toList();
            summaries.add(new TableSummary(
                    table,
                    rows.get(table),
                    seconds.getOrDefault(table, new double[1])[0],
                    own.size(),
                    own.stream().mapToLong(OutputFile::bytes).sum()));
        }
        return new SinkResult(runId, summaries, files, (System.nanoTime() - start) / 1e9);
    }

    private static void writeSinkManifest(
            SinkSpec spec,
            RunManifest previous,
            String runId,
            Instant started,
            List<RunManifest.DestinationEntry> outcomes,
            List<OutputFile> files) {
        List<RunManifest.FileEntry> entries = files.stream()
                .map(f -> new RunManifest.FileEntry(
                        f.destination().name().toLowerCase(Locale.ROOT),
                        f.table().sqlName(),
                        f.format().extension(),
                        relative(spec.workDirectory(), Path.of(f.location())),
                        f.bytes(),
                        f.sha256()))
                .toList();
        new RunManifest(
                        RunManifest.FORMAT_VERSION,
                        runId,
                        previous == null ? null : previous.ingest(),
                        new RunManifest.Sink(started.toString(), Instant.now().toString(), outcomes, entries))
                .write(spec.workDirectory());
    }

    private static Map<String, Long> estimatedBytes(CostEstimate estimate) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        estimate.bytes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> bytes.put(e.getKey().sqlName(), e.getValue()));
        return bytes;
    }

    static Map<String, Object> sourceParameters(SourceSpec source) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kind", source.kind());
        if (source instanceof GeneratorSpec generator) {
            parameters.put("seed", generator.seed());
            parameters.put("scale", generator.scale());
            parameters.put("anchorDate", generator.anchorDate().toString());
            parameters.put("users", generator.users());
        }
        if (source instanceof BigQuerySpec bigQuery) { // never the credentials
            parameters.put("billingProject", bigQuery.billingProject());
            parameters.put("dataset", bigQuery.dataset());
            parameters.put("readPath", bigQuery.readPath().name().toLowerCase(Locale.ROOT));
            parameters.put(
                    "startDate",
                    bigQuery.startDate() == null ? null : bigQuery.startDate().toString());
            parameters.put(
                    "endDate",
                    bigQuery.endDate() == null ? null : bigQuery.endDate().toString());
            parameters.put("maxBytesBilled", bigQuery.maxBytesBilled());
            Map<String, Object> filters = new LinkedHashMap<>();
            bigQuery.filters().forEach((table, filter) -> filters.put(table.sqlName(), filter));
            parameters.put("filters", filters);
            Map<String, Object> columns = new LinkedHashMap<>();
            bigQuery.columns().forEach((table, names) -> columns.put(table.sqlName(), names));
            parameters.put("columns", columns);
        }
        return parameters;
    }

    private static String describe(SourceSpec source) {
        if (source instanceof GeneratorSpec g) {
            return String.format(
                    Locale.ROOT,
                    "the thelook generator (seed %d, scale %s, anchor %s, %d users, %d threads)",
                    g.seed(),
                    g.scale(),
                    g.anchorDate(),
                    g.users(),
                    g.threads());
        }
        if (source instanceof BigQuerySpec b) {
            return "BigQuery " + b.dataset() + " (billing project " + b.billingProject() + ", "
                    + b.readPath().name().toLowerCase(Locale.ROOT) + " read path)";
        }
        return source.kind();
    }

    private static String names(List<Table> tables) {
        return String.join(", ", tables.stream().map(Table::sqlName).toList());
    }

    /** A path relative to the work directory when inside it, else absolute; portable separators. */
    static String relative(Path workDirectory, Path path) {
        Path base = workDirectory.toAbsolutePath().normalize();
        Path target = path.toAbsolutePath().normalize();
        Path shown = target.startsWith(base) ? base.relativize(target) : target;
        return shown.toString().replace('\\', '/');
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
