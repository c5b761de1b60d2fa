package dev.ecommerce.core.sink;

import dev.ecommerce.core.config.DestinationKind;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.s3.S3Bucket;
import dev.ecommerce.core.s3.S3ObjectManifest;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The s3 destination's monthly layout: one object per table, format and creation month (UTC) of the rows,
 * {@code <prefix>/<table>/created_month=YYYY-MM/<table>-YYYY-MM-<digest>.<format>} (Hive-style, so a reader can
 * glob {@code <table>/*}{@code /*.parquet} with Hive partitioning), and a table without {@code created_at}
 * (products, distribution centres) as one object {@code <prefix>/<table>/<table>-<digest>.<format>}.
 *
 * <p>Which objects a run uploads is decided by content, not by what ingest replaced: the warehouse digests each
 * month's exported rows (count and the sum of the rows' hashes); a month whose digest the previous manifest lists,
 * with its object still there at the manifest's size, keeps that object untouched. The other months of a table are
 * staged, uploaded together and removed from the staging folder, table by table.
 *
 * <p>Objects are never overwritten while a manifest names them: a key carries its rows' digest, so new rows get a
 * new key. {@code _manifest.json} is replaced in one PUT after every upload and lists every object of the run's
 * tables, kept and new (and carries over the entries of tables the run did not sink). Only then are the objects it
 * no longer names deleted, with the leftovers of a killed run. So a reader that reads the manifest finds the
 * complete previous set or the complete new one; a reader still holding the previous manifest after the next run
 * published may find one of its objects deleted (a 404, never different rows) and reads the manifest again.
 */
final class S3MonthlyLayout {

    static final String LAYOUT = "monthly";
    static final String PARTITION_COLUMN = "created_month";

    /** The partition label of the rows without {@code created_at}. */
    static final String NO_MONTH = "none";

    /** How Hive (and DuckDB) names the folder of a null partition value. */
    private static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

    private static final int KEY_DIGEST_CHARS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(S3MonthlyLayout.class);

    private final S3DestinationSpec spec;
    private final Warehouse warehouse;
    private final String runId;
    private final SinkListener listener;

    S3MonthlyLayout(S3DestinationSpec spec, Warehouse warehouse, String runId, SinkListener listener) {
        this.spec = spec;
        this.warehouse = warehouse;
        this.runId = runId;
        this.listener = listener;
    }

    /** One object of the layout as this run wants it. */
    private record Part(Table table, FileFormat format, YearMonth month, String label, long rows, String digest) {}

    void write(List<Table> tables) {
        String manifestKey = spec.location().key("", S3ObjectManifest.NAME);
        try (S3Bucket bucket = S3Bucket.open(spec)) {
            S3ObjectManifest previous = previous(bucket, manifestKey);
            Map<String, S3ObjectManifest.Entry> reusable = new HashMap<>();
            if (previous != null && LAYOUT.equals(previous.layout())) {
                previous.objects().forEach(e -> reusable.put(e.key(), e));
            }
            Map<String, Long> stored = new HashMap<>();
            for (Table table : tables) {
                stored.putAll(bucket.list(folder(table) + "/"));
            }
            // A killed run may have left incomplete uploads of keys nobody knows: abort those of our tables.
            bucket.abortIncompleteUploads(key -> ownedByLayout(key, tables));

            List<S3ObjectManifest.Entry> entries = new ArrayList<>();
            int written = 0;
            for (Table table : tables) {
                int tableKept = 0;
                long keptBytes = 0;
                List<Part> changed = new ArrayList<>();
                for (Part part : parts(table)) {
                    S3ObjectManifest.Entry before = reusable.get(key(part));
                    if (before != null
                            && part.digest().equals(before.digest())
                            && stored.getOrDefault(before.key(), -1L) == before.bytes()) {
                        entries.add(before);
                        tableKept++;
                        keptBytes += before.bytes();
                    } else {
                        changed.add(part);
                    }
                }
                entries.addAll(upload(bucket, changed));
                written += changed.size();
                listener.kept(new SinkListener.Kept(DestinationKind.S3, table, tableKept, keptBytes));
            }
            if (previous != null && LAYOUT.equals(previous.layout())) {
                // Tables this run did not sink keep their objects, and the manifest keeps naming them.
                previous.objects().stream()
                        .filter(e -> tables.stream().noneMatch(t -> t.sqlName().equals(e.table())))
                        .forEach(entries::add);
            }
            bucket.publish(
                    manifestKey, S3ObjectManifest.of(runId, LAYOUT, entries).toJson());
            LOG.info(
                    "Published {} ({} objects: {} written, {} kept)",
                    spec.location().uri(manifestKey),
                    entries.size(),
                    written,
                    entries.size() - written);
            deleteSuperseded(bucket, tables, previous, stored, entries);
        }
    }

    /** The published manifest, or null when there is none or it cannot be read (then every object is written). */
    private S3ObjectManifest previous(S3Bucket bucket, String manifestKey) {
        byte[] json = bucket.read(manifestKey).orElse(null);
        if (json == null) {
            return null;
        }
        try {
            return S3ObjectManifest.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Ignoring the unreadable {} (every object is written again): {}",
                    spec.location().uri(manifestKey),
                    e.getMessage());
            return null;
        }
    }

    /** The table's objects as this run wants them: per creation month (or whole), per format. */
    private List<Part> parts(Table table) {
        boolean monthly = table.columns().stream().anyMatch(c -> c.name().equals("created_at"));
        String method = "count+sum(hash(row)) " + warehouse.engineVersion() + " "
                + table.columns().stream().map(Column::toString).collect(Collectors.joining(","));
        List<Part> parts = new ArrayList<>();
        for (Warehouse.MonthDigest month : warehouse.monthDigests(table)) {
            String label = !monthly
                    ? null
                    : month.month() == null ? NO_MONTH : month.month().toString();
            for (FileFormat format : formats()) {
                String digest = sha256(String.join(
                        "\n",
                        method,
                        table.sqlName(),
                        format.copyOptions(),
                        String.valueOf(label),
                        String.valueOf(month.rows()),
                        month.hashSum()));
                parts.add(new Part(table, format, month.month(), label, month.rows(), digest));
            }
        }
        return parts;
    }

    /**
     * Stages the changed objects of one table, uploads them together and deletes the staged files. A file's time is
     * its export and an equal share of the uploads.
     */
    private List<S3ObjectManifest.Entry> upload(S3Bucket bucket, List<Part> parts) {
        Map<String, AtomicFiles.Written> staged = new LinkedHashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        try {
            for (Part part : parts) {
                long start = System.nanoTime();
                Path target = AtomicFiles.resolveInside(
                        spec.stagingDirectory(), SinkFiles.partition(part.table(), part.label(), part.format()));
                staged.put(
                        key(part),
                        AtomicFiles.write(
                                target,
                                runId,
                                temporary -> warehouse.copyMonthTo(
                                        part.table(),
                                        part.month(),
                                        temporary,
                                        part.format().copyOptions())));
                seconds.put(key(part), OutputFile.since(start));
            }
            long start = System.nanoTime();
            Map<String, Path> files = new LinkedHashMap<>();
            staged.forEach((key, file) -> files.put(key, file.path()));
            bucket.uploadAll(files, files.keySet());
            double share = parts.isEmpty() ? 0 : OutputFile.since(start) / parts.size();
            List<S3ObjectManifest.Entry> entries = new ArrayList<>();
            for (Part part : parts) {
                String key = key(part);
                AtomicFiles.Written file = staged.get(key);
                listener.written(new OutputFile(
                        DestinationKind.S3,
                        part.table(),
                        part.format(),
                        spec.location().uri(key),
                        file.bytes(),
                        file.sha256(),
                        seconds.get(key) + share));
                entries.add(new S3ObjectManifest.Entry(
                        part.table().sqlName(),
                        part.format().extension(),
                        key,
                        file.bytes(),
                        file.sha256(),
                        part.rows(),
                        part.label(),
                        part.digest()));
            }
            return entries;
        } finally {
            for (AtomicFiles.Written file : staged.values()) {
                try {
                    Files.deleteIfExists(file.path());
                } catch (IOException e) {
                    LOG.warn("Cannot delete the staged {}: {}", file.path(), e.getMessage());
                }
            }
        }
    }

    /**
     * Deletes, once the new manifest is published, the objects of the run's tables it no longer names: those the
     * previous manifest listed (of any layout) and those of this layout a killed run left. Best effort: an object
     * left behind is deleted by the next run.
     */
    private void deleteSuperseded(
            S3Bucket bucket,
            List<Table> tables,
            S3ObjectManifest previous,
            Map<String, Long> stored,
            List<S3ObjectManifest.Entry> published) {
        Set<String> names = published.stream().map(S3ObjectManifest.Entry::key).collect(Collectors.toSet());
        Set<String> superseded = new LinkedHashSet<>();
        Set<String> sunk = new HashSet<>(tables.stream().map(Table::sqlName).toList());
        if (previous != null) {
            String under =
                    spec.location().prefix().isEmpty() ? "" : spec.location().prefix() + "/";
            previous.objects().stream()
                    .filter(e -> sunk.contains(e.table())
                            && e.key() != null
                            && e.key().startsWith(under))
                    .map(S3ObjectManifest.Entry::key)
                    .forEach(superseded::add);
        }
        stored.keySet().stream().filter(k -> ownedByLayout(k, tables)).forEach(superseded::add);
        superseded.removeAll(names);
        if (superseded.isEmpty()) {
            return;
        }
        try {
            bucket.delete(superseded);
            LOG.info("Deleted {} superseded objects", superseded.size());
        } catch (RuntimeException e) {
            LOG.warn("Cannot delete every superseded object (the next run deletes them): {}", e.getMessage());
        }
    }

    /** The folder of a table's objects: {@code <prefix>/<table>}. */
    private String folder(Table table) {
        return spec.location().key("", table.sqlName());
    }

    private String key(Part part) {
        String name = part.table().sqlName() + (part.label() == null ? "" : "-" + part.label()) + "-"
                + part.digest().substring(0, KEY_DIGEST_CHARS) + "."
                + part.format().extension();
        if (part.label() == null) {
            return spec.location().key(part.table().sqlName(), name);
        }
        String value = part.month() == null ? HIVE_NULL : part.label();
        return spec.location().key(part.table().sqlName() + "/" + PARTITION_COLUMN + "=" + value, name);
    }

    /** True for a key this layout writes for one of the tables: no other object under their folders is touched. */
    private boolean ownedByLayout(String key, List<Table> tables) {
        for (Table table : tables) {
            String name = Pattern.quote(table.sqlName());
            String extensions = formatsAll().stream().map(FileFormat::extension).collect(Collectors.joining("|"));
            Pattern owned = Pattern.compile(Pattern.quote(folder(table) + "/") + "(?:" + PARTITION_COLUMN
                    + "=(?:\\d{4}-\\d{2}|" + HIVE_NULL + ")/" + name + "-(?:\\d{4}-\\d{2}|" + NO_MONTH + ")|" + name
                    + ")-[0-9a-f]{" + KEY_DIGEST_CHARS + "}\\.(?:" + extensions + ")");
            if (owned.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    private List<FileFormat> formats() {
        return formatsAll().stream().filter(spec.formats()::contains).toList();
    }

    private static List<FileFormat> formatsAll() {
        return List.of(FileFormat.values());
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
