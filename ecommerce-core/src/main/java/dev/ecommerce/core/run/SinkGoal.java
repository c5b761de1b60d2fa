package dev.ecommerce.core.run;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.DestinationSpec;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.sink.Destination;
import dev.ecommerce.core.sink.OutputFile;
import dev.ecommerce.core.sink.SinkListener;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sink goal: the tables to every destination in turn. The local output folder changes in one step to the
 * new run's set of files; a failing destination is recorded in the manifest and rethrown, and the local folder
 * then still shows the previous run's files.
 */
final class SinkGoal implements SinkListener {

    private final SinkSpec spec;
    private final ProgressListener progress;
    private final Instant started = Instant.now();
    private final List<OutputFile> files = new ArrayList<>();
    private final List<RunManifest.DestinationEntry> outcomes = new ArrayList<>();
    private final List<OutputFile> current = new ArrayList<>(); // the files of the destination being written
    private final Map<Table, Integer> kept = new EnumMap<>(Table.class);
    private RunManifest manifest;
    private RunManifest.Generation generation;

    private SinkGoal(SinkSpec spec, ProgressListener progress) {
        this.spec = spec;
        this.progress = progress;
    }

    static Pipeline.SinkResult run(SinkSpec spec, ProgressListener progress) {
        return new SinkGoal(spec, progress).run();
    }

    private Pipeline.SinkResult run() {
        long start = System.nanoTime();
        manifest = RunManifest.current(spec.workDirectory());
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        try (Warehouse warehouse = Warehouse.openForRead(spec.warehouse(), spec.duckDb())) {
            warehouse.requireTables(spec.tables(), "sink");
            spec.tables().forEach(t -> rows.put(t, warehouse.exportableRowCount(t)));
            for (DestinationSpec destination : spec.destinations()) {
                write(warehouse, destination);
            }
        }
        writeManifest();
        List<TableSummary> summaries = new ArrayList<>();
        for (Table table : spec.tables()) {
            List<OutputFile> own =
                    files.stream().filter(f -> f.table() == table).toList();
            summaries.add(new TableSummary(
                    table,
                    rows.get(table),
                    own.stream().mapToDouble(OutputFile::seconds).sum(), // each file's own time, no start-up
                    own.size(),
                    own.stream().mapToLong(OutputFile::bytes).sum(),
                    kept.getOrDefault(table, 0)));
        }
        return new Pipeline.SinkResult(manifest.runId(), summaries, files, (System.nanoTime() - start) / 1e9);
    }

    private void write(Warehouse warehouse, DestinationSpec destination) {
        String name = destination.kind().configName();
        progress.on(new ProgressEvent.Step("Sinking " + Table.sqlNames(spec.tables()) + " to " + name));
        current.clear();
        try {
            Destination.of(destination).write(warehouse, spec.tables(), manifest.runId(), this);
            files.addAll(current);
            outcomes.add(new RunManifest.DestinationEntry(name, "succeeded", null));
        } catch (EcommerceException e) {
            // The local destination publishes its files as one set: when it fails, none is visible.
            if (destination.kind() != DestinationKind.LOCAL) {
                files.addAll(current);
            }
            outcomes.add(new RunManifest.DestinationEntry(name, "failed", Setting.plain(e.getMessage())));
            writeManifest();
            throw e;
        }
    }

    @Override
    public void written(OutputFile file) {
        current.add(file);
        progress.on(new ProgressEvent.FileWritten(file.table(), file.location(), file.bytes()));
        if (file.changes() != null) {
            progress.on(new ProgressEvent.Step(
                    "  " + file.table().sqlName() + ": " + file.changes().describe()));
        }
    }

    @Override
    public void kept(SinkListener.Kept objects) {
        kept.merge(objects.table(), objects.objects(), Integer::sum);
        int written = (int) current.stream()
                .filter(f -> f.table() == objects.table() && f.destination() == objects.destination())
                .count();
        progress.on(new ProgressEvent.ObjectsKept(
                objects.table(), objects.destination().configName(), written, objects.objects()));
    }

    @Override
    public void staged(SinkListener.Generation staged) {
        progress.on(new ProgressEvent.GenerationStaged(
                staged.name(), staged.folder().toString()));
    }

    @Override
    public void published(SinkListener.Generation shown) {
        generation =
                new RunManifest.Generation(shown.name(), RunManifest.relative(spec.workDirectory(), shown.folder()));
        progress.on(new ProgressEvent.GenerationPublished(
                shown.name(), shown.output().toString()));
    }

    private void writeManifest() {
        List<RunManifest.FileEntry> entries = files.stream()
                .map(f -> new RunManifest.FileEntry(
                        f.destination().configName(),
                        f.table().sqlName(),
                        f.format().extension(),
                        f.destination() == DestinationKind.LOCAL
                                ? RunManifest.relative(spec.workDirectory(), Path.of(f.location()))
                                : f.location(),
                        f.bytes(),
                        f.sha256()))
                .toList();
        manifest.withSink(new RunManifest.Sink(
                        started.toString(), Instant.now().toString(), List.copyOf(outcomes), entries, generation))
                .write(spec.workDirectory());
    }
}
