package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <outputDirectory>/<table>.csv} and {@code <table>.parquet}, written by DuckDB's COPY, published as
 * one set: every run writes a new generation and switches {@code <outputDirectory>} to it in one step
 * ({@link OutputGenerations}), with {@code _manifest.json} naming the run and every file.
 */
public record LocalFilesDestination(LocalDestinationSpec spec) implements Destination {

    @Override
    public void write(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        OutputGenerations generations = OutputGenerations.open(spec.outputDirectory());
        SinkListener.Generation generation = generations.begin();
        boolean published = false;
        try {
            List<GenerationManifest.Entry> entries = new ArrayList<>();
            for (Table table : tables) {
                long rows = warehouse.exportableRowCount(table);
                for (FileFormat format : FileFormat.values()) {
                    if (!spec.formats().contains(format)) {
                        continue;
                    }
                    long start = System.nanoTime();
                    AtomicFiles.Written file = export(warehouse, table, format, generation.folder(), runId);
                    entries.add(entry(table, format, file, rows));
                    listener.written(visible(table, format, file, OutputFile.since(start)));
                    if (spec.exportRejected() && warehouse.hasRejected(table)) {
                        Path rejected = AtomicFiles.resolveInside(
                                generation.folder(), Warehouse.rejectedName(table) + "." + format.extension());
                        long rejectedStart = System.nanoTime();
                        AtomicFiles.Written rejectedFile = AtomicFiles.write(
                                rejected,
                                runId,
                                temporary -> warehouse.copyRejectedTo(table, temporary, format.copyOptions()));
                        entries.add(entry(table, format, rejectedFile, warehouse.rejectedRowCount(table)));
                        listener.written(visible(table, format, rejectedFile, OutputFile.since(rejectedStart)));
                    }
                }
            }
            generations.publish(generation, runId, entries, listener);
            published = true;
        } finally {
            if (!published) {
                generations.discard(generation);
            }
        }
    }

    private static GenerationManifest.Entry entry(Table table, FileFormat format, AtomicFiles.Written file, long rows) {
        return new GenerationManifest.Entry(
                table.sqlName(),
                format.extension(),
                file.path().getFileName().toString(),
                file.bytes(),
                file.sha256(),
                rows);
    }

    /** The file as readers see it once its generation is published: under {@code <outputDirectory>}. */
    private OutputFile visible(Table table, FileFormat format, AtomicFiles.Written file, double seconds) {
        Path path = AtomicFiles.resolveInside(
                spec.outputDirectory(), file.path().getFileName().toString());
        return new OutputFile(
                DestinationKind.LOCAL, table, format, path.toString(), file.bytes(), file.sha256(), seconds);
    }

    /**
     * Writes {@code <folder>/<table>.<format>} whole or not at all, without the rows validation rejected. The
     * remote destinations stage their files through here too.
     */
    static AtomicFiles.Written export(Warehouse warehouse, Table table, FileFormat format, Path folder, String runId) {
        Path target = AtomicFiles.resolveInside(folder, table.sqlName() + "." + format.extension());
        return AtomicFiles.write(target, runId, temporary -> warehouse.copyTo(table, temporary, format.copyOptions()));
    }
}
