package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Layout;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.s3.S3Bucket;
import dev.ecommerce.core.s3.S3ObjectManifest;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * S3: DuckDB writes each table's file into the staging folder (the local-files path, rejected rows left
 * out), the AWS SDK uploads it to {@code <prefix>/[run_date=YYYY-MM-DD/]<table>.<format>}, large files as
 * multipart uploads with several parts in flight. The run is published by {@code _manifest.json}, written
 * last: the previous manifest is deleted first, so a reader that finds a manifest finds the objects it lists.
 * Keys are fixed per table, so a re-run overwrites them; a failed upload leaves no incomplete multipart upload.
 * The staged files are deleted when the run ends, and those of a killed run when the next one starts.
 *
 * <p>In the {@link S3Layout#MONTHLY monthly} layout ({@link S3MonthlyLayout}) a table is one object per creation
 * month, a run uploads only the months whose rows changed, and objects are never replaced in place.
 */
public record S3Destination(S3DestinationSpec spec) implements Destination {

    @Override
    public void write(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        SinkFiles.staging(spec.stagingDirectory(), () -> {
            if (spec.layout() == S3Layout.MONTHLY) {
                new S3MonthlyLayout(spec, warehouse, runId, listener).write(tables);
            } else {
                upload(warehouse, tables, runId, listener);
            }
        });
    }

    private void upload(Warehouse warehouse, List<Table> tables, String runId, SinkListener listener) {
        String folder = spec.partitionByRunDate() ? "run_date=" + LocalDate.now(ZoneOffset.UTC) : "";
        List<S3ObjectManifest.Entry> entries = new ArrayList<>();
        try (S3Bucket bucket = S3Bucket.open(spec)) {
            List<String> keys = new ArrayList<>();
            for (Table table : tables) {
                for (FileFormat format : formats()) {
                    keys.add(spec.location().key(folder, table.sqlName() + "." + format.extension()));
                }
            }
            String manifestKey = spec.location().key(folder, S3ObjectManifest.NAME);
            // Every file is staged before the published run is touched: a local failure leaves it intact.
            record Staged(
                    Table table, FileFormat format, long rows, AtomicFiles.Written file, String key, double seconds) {}
            List<Staged> staged = new ArrayList<>();
            for (Table table : tables) {
                long rows = warehouse.exportableRowCount(table);
                for (FileFormat format : formats()) {
                    long start = System.nanoTime();
                    AtomicFiles.Written file =
                            LocalFilesDestination.export(warehouse, table, format, spec.stagingDirectory(), runId);
                    staged.add(new Staged(
                            table,
                            format,
                            rows,
                            file,
                            spec.location().key(folder, table.sqlName() + "." + format.extension()),
                            OutputFile.since(start)));
                }
            }
            bucket.unpublish(manifestKey);
            bucket.abortIncompleteUploads(keys);
            for (Staged file : staged) {
                long start = System.nanoTime();
                bucket.upload(file.file().path(), file.key(), keys);
                double seconds = file.seconds() + OutputFile.since(start);
                entries.add(new S3ObjectManifest.Entry(
                        file.table().sqlName(),
                        file.format().extension(),
                        file.key(),
                        file.file().bytes(),
                        file.file().sha256(),
                        file.rows()));
                listener.written(new OutputFile(
                        DestinationKind.S3,
                        file.table(),
                        file.format(),
                        spec.location().uri(file.key()),
                        file.file().bytes(),
                        file.file().sha256(),
                        seconds));
            }
            bucket.publish(manifestKey, S3ObjectManifest.of(runId, entries).toJson());
            LoggerFactory.getLogger(S3Destination.class)
                    .info("Published {} ({} objects)", spec.location().uri(manifestKey), entries.size());
        }
    }

    private List<FileFormat> formats() {
        return List.of(FileFormat.values()).stream()
                .filter(spec.formats()::contains)
                .toList();
    }
}
