package dev.ecommerce.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders summaries as a fixed-width text table for the build log. */
public final class SummaryTable {

    private static final String FORMAT = "%-22s %12s %9s %12s %6s %14s";

    private SummaryTable() {}

    public static List<String> render(List<TableSummary> rows, double totalSeconds) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, FORMAT, "table", "rows", "seconds", "rows/s", "files", "bytes"));
        long totalRows = 0;
        int totalFiles = 0;
        long totalBytes = 0;
        for (TableSummary row : rows) {
            lines.add(line(
                    row.table().sqlName(), row.rows(), row.seconds(), row.rowsPerSecond(), row.files(), row.bytes()));
            totalRows += row.rows();
            totalFiles += row.files();
            totalBytes += row.bytes();
        }
        lines.add(line(
                "total",
                totalRows,
                totalSeconds,
                totalSeconds > 0 ? totalRows / totalSeconds : 0,
                totalFiles,
                totalBytes));
        return lines;
    }

    private static String line(String name, long rows, double seconds, double rate, int files, long bytes) {
        return String.format(
                Locale.ROOT,
                FORMAT,
                name,
                String.format(Locale.ROOT, "%,d", rows),
                String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%,.0f", rate),
                files,
                String.format(Locale.ROOT, "%,d", bytes));
    }
}
