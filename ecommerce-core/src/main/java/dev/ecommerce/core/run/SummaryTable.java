package dev.ecommerce.core.run;

import dev.ecommerce.core.warehouse.TableChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders summaries as a fixed-width text table for the build log. Only columns that mean something are
 * shown: {@code files} and {@code bytes} when some table wrote files (sink, not ingest), {@code kept} when a
 * destination kept unchanged objects of an earlier run, a rate only when
 * the time it divides by is long enough to measure, and ingest's mode, changes and cursor when some table was
 * loaded a part at a time (incremental or backfill).
 */
public final class SummaryTable {

    private static final String FORMAT = "%-22s %12s %9s %12s";
    private static final String FILES_FORMAT = " %6s %14s";
    private static final String KEPT_FORMAT = " %6s";
    private static final String CHANGES_FORMAT = " %-11s %10s %10s %10s  %s";
    /** Below this, a duration is timer noise and a rate computed from it would be fiction. */
    private static final double MEASURABLE_SECONDS = 0.01;

    private SummaryTable() {}

    public static List<String> render(List<TableSummary> rows, double totalSeconds) {
        boolean files = rows.stream().anyMatch(r -> r.files() > 0 || r.kept() > 0);
        boolean kept = rows.stream().anyMatch(r -> r.kept() > 0);
        boolean changes =
                rows.stream().anyMatch(r -> r.mode() != null && !r.mode().equals("full"));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, FORMAT, "table", "rows", "seconds", "rows/s")
                + (files ? String.format(Locale.ROOT, FILES_FORMAT, "files", "bytes") : "")
                + (kept ? String.format(Locale.ROOT, KEPT_FORMAT, "kept") : "")
                + (changes
                        ? String.format(Locale.ROOT, CHANGES_FORMAT, "mode", "inserted", "updated", "deleted", "cursor")
                        : ""));
        long totalRows = 0;
        int totalFiles = 0;
        long totalBytes = 0;
        int totalKept = 0;
        long[] totalChanges = new long[3];
        for (TableSummary row : rows) {
            lines.add(line(row.table().sqlName(), row.rows(), row.seconds(), files, row.files(), row.bytes())
                    + (kept ? String.format(Locale.ROOT, KEPT_FORMAT, row.kept()) : "")
                    + (changes ? changes(row.mode(), row.changes(), row.cursor()) : ""));
            totalRows += row.rows();
            totalFiles += row.files();
            totalBytes += row.bytes();
            totalKept += row.kept();
            if (row.changes() != null) {
                totalChanges[0] += row.changes().inserted();
                totalChanges[1] += row.changes().updated();
                totalChanges[2] += row.changes().deleted();
            }
        }
        lines.add(line("total", totalRows, totalSeconds, files, totalFiles, totalBytes)
                + (kept ? String.format(Locale.ROOT, KEPT_FORMAT, totalKept) : "")
                + (changes
                        ? changes("", new TableChanges(totalChanges[0], totalChanges[1], totalChanges[2]), null)
                        : ""));
        return lines;
    }

    private static String changes(String mode, TableChanges changes, java.time.Instant cursor) {
        return String.format(
                Locale.ROOT,
                CHANGES_FORMAT,
                mode == null ? "" : mode,
                changes == null ? "-" : String.format(Locale.ROOT, "%,d", changes.inserted()),
                changes == null ? "-" : String.format(Locale.ROOT, "%,d", changes.updated()),
                changes == null ? "-" : String.format(Locale.ROOT, "%,d", changes.deleted()),
                cursor == null ? "" : cursor.toString());
    }

    private static String line(String name, long rows, double seconds, boolean withFiles, int files, long bytes) {
        String rate = seconds >= MEASURABLE_SECONDS ? String.format(Locale.ROOT, "%,.0f", rows / seconds) : "-";
        return String.format(
                        Locale.ROOT,
                        FORMAT,
                        name,
                        String.format(Locale.ROOT, "%,d", rows),
                        String.format(Locale.ROOT, "%.2f", seconds),
                        rate)
                + (withFiles
                        ? String.format(Locale.ROOT, FILES_FORMAT, files, String.format(Locale.ROOT, "%,d", bytes))
                        : "");
    }
}
