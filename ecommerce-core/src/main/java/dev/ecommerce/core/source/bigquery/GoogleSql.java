package dev.ecommerce.core.source.bigquery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The one place that writes GoogleSQL text: identifiers pass an allow-list pattern and are backtick
 * quoted; literals are rendered here. Nothing from the configuration reaches SQL any other way.
 */
final class GoogleSql {

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]{0,127}");
    private static final Pattern PATH =
            Pattern.compile("[a-z][a-z0-9.:-]{3,80}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}\\.[a-z_][a-z0-9_]{0,127}");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private GoogleSql() {}

    /** {@code `column`}, for a lower-case column name only. */
    static String column(String name) {
        if (name == null || !COLUMN.matcher(name).matches()) {
            throw new IllegalArgumentException("Not an allowed column name: " + name);
        }
        return "`" + name + "`";
    }

    /** {@code `project.dataset.table`}. */
    static String table(String project, String dataset, String table) {
        String path = project + "." + dataset + "." + table;
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Not an allowed table path: " + path);
        }
        return "`" + path + "`";
    }

    /** {@code TIMESTAMP '2024-01-31 00:00:00.000000+00'}. */
    static String timestamp(Instant instant) {
        return "TIMESTAMP '" + TIMESTAMP.format(instant) + "+00'";
    }

    /** A string literal, with quotes and backslashes escaped. */
    static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
