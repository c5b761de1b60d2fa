package dev.ecommerce.core.run;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.SourceSpec;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.contract.ContractEngine;
import dev.ecommerce.core.contract.ContractResult;
import dev.ecommerce.core.contract.Contracts;
import dev.ecommerce.core.contract.ValidationReport;
import dev.ecommerce.core.contract.Violation;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.sink.Destination;
import dev.ecommerce.core.sink.OutputFile;
import dev.ecommerce.core.sink.SinkListener;
import dev.ecommerce.core.source.CostEstimate;
import dev.ecommerce.core.source.Source;
import dev.ecommerce.core.transform.TransformEngine;
import dev.ecommerce.core.transform.TransformFailures;
import dev.ecommerce.core.transform.TransformResult;
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

    /** What validate did: per table, rows checked and rejected, constraints and examples. */
    public record ValidateResult(String runId, List<ValidationReport.TableReport> tables, double seconds) {}

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
        warnAboutUnusedSettings(spec, progress);
        Source source = Source.of(spec.source());
        // Before the warehouse is touched: a source that bills estimates and checks its cost here.
        CostEstimate estimate =
                source.estimate(EnumSet.copyOf(spec.tables()), line -> progress.on(new ProgressEvent.Step(line)));
        if (spec.source() instanceof BigQuerySpec bigQuery && bigQuery.dryRun()) {
            progress.on(new ProgressEvent.Step("Dry run (ecommerce.dryRun): nothing was read or loaded"));
            return new IngestResult(runId, List.of(), (System.nanoTime() - start) / 1e9, true);
        }
        try (Warehouse warehouse = Warehouse.openForWrite(spec.warehouse(), spec.duckDb());
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
                            null,
                            null,
                            null)
                    .write(spec.workDirectory());
            return new IngestResult(runId, summaries, seconds, false);
        }
    }

    /**
     * Checks every row of the tables against its data contract (compiled to SQL, with a per-row fallback),
     * writes the JSON and JUnit XML reports, then applies the policy: {@code fail} throws a
     * {@link DataException} naming tables, counts and first violations; {@code quarantine} moves invalid rows
     * to {@code <table>__rejected} (accepted + rejected = source) and fails only above {@code maxInvalidRatio};
     * {@code warn} only reports.
     */
    public static ValidateResult validate(ValidateSpec spec, ProgressListener progress) {
        long start = System.nanoTime();
        RunManifest previous = RunManifest.read(spec.workDirectory()).orElse(null);
        String runId = previous != null ? previous.runId() : UUID.randomUUID().toString();
        List<ValidationReport.TableReport> reports = new ArrayList<>();
        try (Warehouse warehouse = Warehouse.openForUpdate(spec.warehouse(), spec.duckDb());
                ContractEngine engine = ContractEngine.create()) {
            warehouse.requireTables(spec.tables(), "validate");
            for (Table table : spec.tables()) {
                Class<?> contract = spec.contracts().getOrDefault(table, Contracts.of(table));
                ContractResult result = engine.check(warehouse, table, contract);
                ValidationReport.TableReport report = ValidationReport.of(engine.compile(table, contract), result);
                reports.add(report);
                logTable(report, progress);
                if (spec.onInvalid() == OnInvalid.QUARANTINE && !result.isValid()) {
                    long moved = warehouse.quarantine(table, reasons(result));
                    progress.on(new ProgressEvent.Step(String.format(
                            Locale.ROOT,
                            "  %s: moved %,d rows to %s",
                            table.sqlName(),
                            moved,
                            Warehouse.rejectedName(table))));
                } else if (spec.onInvalid() == OnInvalid.WARN && !result.isValid()) {
                    long marked = warehouse.markRejected(table, reasons(result));
                    progress.on(new ProgressEvent.Step(String.format(
                            Locale.ROOT,
                            "  %s: %,d invalid rows stay, listed in %s; sinks leave them out",
                            table.sqlName(),
                            marked,
                            Warehouse.rejectedName(table))));
                }
            }
        }
        new ValidationReport(runId, spec.onInvalid(), reports).write(spec.reportsDirectory());
        writeValidationManifest(spec, previous, runId, reports);
        failIfNeeded(spec, reports);
        return new ValidateResult(runId, reports, (System.nanoTime() - start) / 1e9);
    }

    /** Per invalid row key, its violations as one line of text. */
    private static Map<Long, String> reasons(ContractResult result) {
        Map<Long, String> reasons = new java.util.HashMap<>();
        for (Violation v : result.violations()) {
            String reason = (v.property().isEmpty() ? "" : v.property() + " ") + v.constraint() + ": " + v.message();
            reasons.merge(v.rowKey(), reason, (a, b) -> a + "; " + b);
        }
        return reasons;
    }

    private static void logTable(ValidationReport.TableReport report, ProgressListener progress) {
        progress.on(new ProgressEvent.Step(String.format(
                Locale.ROOT,
                "  %s: %,d rows checked, %,d rejected%s",
                report.table(),
                report.rowsChecked(),
                report.rowsRejected(),
                report.fallbackProperties().isEmpty()
                        ? ""
                        : " (row by row: "
                                + String.join(
                                        ", ",
                                        report.fallbackProperties().stream()
                                                .map(p -> p.isEmpty() ? "class" : p)
                                                .toList())
                                + ")")));
        report.constraints().stream()
                .filter(c -> c.violations() > 0)
                .sorted(java.util.Comparator.comparingLong(ValidationReport.ConstraintReport::violations)
                        .reversed())
                .limit(3)
                .forEach(c -> progress.on(new ProgressEvent.Step(String.format(
                        Locale.ROOT,
                        "    %s x%,d, e.g. row %s: %s (%s)",
                        c.name(),
                        c.violations(),
                        c.example().rowKey(),
                        c.example().message(),
                        c.example().invalidValue()))));
    }

    private static void failIfNeeded(ValidateSpec spec, List<ValidationReport.TableReport> reports) {
        List<ValidationReport.TableReport> invalid =
                reports.stream().filter(r -> r.rowsRejected() > 0).toList();
        if (invalid.isEmpty() || spec.onInvalid() == OnInvalid.WARN) {
            return;
        }
        if (spec.onInvalid() == OnInvalid.QUARANTINE) {
            List<String> over = invalid.stream()
                    .filter(r -> r.rowsRejected() > spec.maxInvalidRatio() * r.rowsChecked())
                    .map(r -> String.format(
                            Locale.ROOT, "%s %,d of %,d rows", r.table(), r.rowsRejected(), r.rowsChecked()))
                    .toList();
            if (!over.isEmpty()) {
                throw new DataException("More rows were rejected than <maxInvalidRatio> " + spec.maxInvalidRatio()
                        + " allows: " + String.join(", ", over) + ". The rejected rows are in <table>__rejected;"
                        + " fix the source or raise -Decommerce.maxInvalidRatio.");
            }
            return;
        }
        StringBuilder message = new StringBuilder("Rows break their data contracts: ");
        message.append(String.join(
                ", ",
                invalid.stream()
                        .map(r -> String.format(
                                Locale.ROOT, "%s %,d of %,d rows", r.table(), r.rowsRejected(), r.rowsChecked()))
                        .toList()));
        message.append(". First violations:");
        invalid.stream()
                .flatMap(r -> r.violations().stream())
                .limit(5)
                .forEach(v -> message.append(String.format(
                        Locale.ROOT,
                        "%n  %s row %s: %s%s (%s)",
                        v.table().sqlName(),
                        v.rowKey(),
                        v.property().isEmpty() ? "" : v.property() + " ",
                        v.message(),
                        v.invalidValue())));
        message.append(String.format(
                Locale.ROOT,
                "%nSee %s. Set <onInvalid>quarantine</onInvalid>"
                        + " (-Decommerce.onInvalid=quarantine) to move invalid rows aside, or fix the source.",
                spec.reportsDirectory().resolve("validation.json")));
        throw new DataException(message.toString());
    }

    private static void writeValidationManifest(
            ValidateSpec spec, RunManifest previous, String runId, List<ValidationReport.TableReport> reports) {
        new RunManifest(
                        RunManifest.FORMAT_VERSION,
                        runId,
                        previous == null ? null : previous.ingest(),
                        new RunManifest.Validation(
                                Instant.now().toString(),
                                spec.onInvalid().name().toLowerCase(Locale.ROOT),
                                reports.stream()
                                        .map(r -> new RunManifest.ValidationEntry(
                                                r.table(), r.contract(), r.rowsChecked(), r.rowsRejected()))
                                        .toList()),
                        previous == null ? null : previous.sink(),
                        previous == null ? null : previous.transform())
                .write(spec.workDirectory());
    }

    /**
     * Exports tables from the warehouse to every destination. The local output folder changes in one step to
     * the new run's set of files; a failing destination is recorded in the manifest and rethrown, and the
     * local folder then still shows the previous run's files.
     */
    public static SinkResult sink(SinkSpec spec, ProgressListener progress) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        RunManifest previous = RunManifest.read(spec.workDirectory()).orElse(null);
        String runId = previous != null ? previous.runId() : UUID.randomUUID().toString();
        List<OutputFile> files = new ArrayList<>();
        List<RunManifest.DestinationEntry> outcomes = new ArrayList<>();
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        RunManifest.Generation[] generation = {null};
        try (Warehouse warehouse = Warehouse.openForRead(spec.warehouse(), spec.duckDb())) {
            warehouse.requireTables(spec.tables(), "sink");
            spec.tables().forEach(t -> rows.put(t, warehouse.exportableRowCount(t)));
            for (DestinationSpec destinationSpec : spec.destinations()) {
                String name = destinationSpec.kind().configName();
                progress.on(new ProgressEvent.Step("Sinking " + names(spec.tables()) + " to " + name));
                List<OutputFile> own = new ArrayList<>();
                try {
                    Destination.of(destinationSpec).write(warehouse, spec.tables(), runId, new SinkListener() {
                        @Override
                        public void written(OutputFile file) {
                            own.add(file);
                            progress.on(new ProgressEvent.FileWritten(file.table(), file.location(), file.bytes()));
                        }

                        @Override
                        public void staged(SinkListener.Generation staged) {
                            progress.on(new ProgressEvent.GenerationStaged(
                                    staged.name(), staged.folder().toString()));
                        }

                        @Override
                        public void published(SinkListener.Generation shown) {
                            generation[0] = new RunManifest.Generation(
                                    shown.name(), relative(spec.workDirectory(), shown.folder()));
                            progress.on(new ProgressEvent.GenerationPublished(
                                    shown.name(), shown.output().toString()));
                        }
                    });
                    files.addAll(own);
                    outcomes.add(new RunManifest.DestinationEntry(name, "succeeded", null));
                } catch (EcommerceException e) {
                    // The local destination publishes its files as one set: when it fails, none is visible.
                    if (destinationSpec.kind() != DestinationKind.LOCAL) {
                        files.addAll(own);
                    }
                    outcomes.add(new RunManifest.DestinationEntry(name, "failed", e.getMessage()));
                    writeSinkManifest(spec, previous, runId, started, outcomes, files, generation[0]);
                    throw e;
                }
            }
        }
        writeSinkManifest(spec, previous, runId, started, outcomes, files, generation[0]);
        List<TableSummary> summaries = new ArrayList<>();
        for (Table table : spec.tables()) {
            List<OutputFile> own =
                    files.stream().filter(f -> f.table() == table).toList();
            summaries.add(new TableSummary(
                    table,
                    rows.get(table),
                    own.stream().mapToDouble(OutputFile::seconds).sum(), // each file's own time, no start-up
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
            List<OutputFile> files,
            RunManifest.Generation generation) {
        List<RunManifest.FileEntry> entries = files.stream()
                .map(f -> new RunManifest.FileEntry(
                        f.destination().configName(),
                        f.table().sqlName(),
                        f.format().extension(),
                        f.destination() == DestinationKind.LOCAL
                                ? relative(spec.workDirectory(), Path.of(f.location()))
                                : f.location(),
                        f.bytes(),
                        f.sha256()))
                .toList();
        new RunManifest(
                        RunManifest.FORMAT_VERSION,
                        runId,
                        previous == null ? null : previous.ingest(),
                        previous == null ? null : previous.validation(),
                        new RunManifest.Sink(
                                started.toString(), Instant.now().toString(), outcomes, entries, generation),
                        previous == null ? null : previous.transform())
                .write(spec.workDirectory());
    }

    /**
     * Builds the dbt project with the spec's engine (seeds, models, tests, unit tests), copies
     * {@code run_results.json} to the reports folder, and throws a {@link DataException} naming every failed
     * model or test, its file and failing rows, and the skipped dependants.
     */
    public static TransformResult transform(TransformSpec spec, ProgressListener progress) {
        Instant started = Instant.now();
        progress.on(new ProgressEvent.Step("Transforming with the "
                + spec.engine().name().toLowerCase(Locale.ROOT) + " engine: dbt project " + spec.projectDirectory()));
        TransformResult result = TransformEngine.of(spec).run(spec, line -> progress.on(new ProgressEvent.Step(line)));
        if (result.runResults() != null && java.nio.file.Files.isRegularFile(result.runResults())) {
            Path copy = spec.reportsDirectory().resolve("run_results.json");
            dev.ecommerce.core.sink.AtomicFiles.write(
                    copy,
                    UUID.randomUUID().toString(),
                    temporary -> java.nio.file.Files.copy(
                            result.runResults(), temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        TransformManifest.write(spec, result, started);
        TransformFailures.check(result);
        return result;
    }

    /** BigQuery filters and columns given for tables this run does not read would otherwise be ignored silently. */
    private static void warnAboutUnusedSettings(IngestSpec spec, ProgressListener progress) {
        if (!(spec.source() instanceof BigQuerySpec bigQuery)) {
            return;
        }
        for (var entry : List.of(
                Map.entry("<filters> (-Decommerce.filters)", bigQuery.filters().keySet()),
                Map.entry("<columns> (-Decommerce.columns)", bigQuery.columns().keySet()))) {
            List<String> unused = entry.getValue().stream()
                    .filter(table -> !spec.tables().contains(table))
                    .map(Table::sqlName)
                    .sorted()
                    .toList();
            if (!unused.isEmpty()) {
                progress.on(new ProgressEvent.Warning(entry.getKey() + " names " + String.join(", ", unused)
                        + ", which this run does not read (tables: " + names(spec.tables()) + "), so it is ignored:"
                        + " add the table to <tables> (-Decommerce.tables, TABLE_NAMES) or remove it."));
            }
        }
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
