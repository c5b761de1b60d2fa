package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** {@code <outputDirectory>/<table>.csv} and {@code <table>.parquet}, written by DuckDB's COPY. */
public record LocalFilesDestination(LocalDestinationSpec spec) implements Destination {

    @Override
    public void write(Warehouse warehouse, List<Table> tables, String runId, Consumer<OutputFile> written) {
        for (Table table : tables) {
            for (FileFormat format : FileFormat.values()) {
                if (!spec.formats().contains(format)) {
                    continue;
                }
                AtomicFiles.Written file = export(warehouse, table, format, spec.outputDirectory(), runId);
                written.accept(new OutputFile(
                        DestinationKind.LOCAL, table, format, file.path().toString(), file.bytes(), file.sha256()));
                if (spec.exportRejected() && warehouse.hasRejected(table)) {
                    Path rejected = AtomicFiles.resolveInside(
                            spec.outputDirectory(), Warehouse.rejectedName(table) + "." + format.extension());
                    AtomicFiles.Written rejectedFile = AtomicFiles.write(
                            rejected,
                            runId,
                            temporary -> warehouse.copyRejectedTo(table, temporary, format.copyOptions()));
                    written.accept(new OutputFile(
                            DestinationKind.LOCAL,
                            table,
                            format,
                            rejectedFile.path().toString(),
                            rejectedFile.bytes(),
                            rejectedFile.sha256()));
                }
            }
        }
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
