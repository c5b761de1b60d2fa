package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of the machine the pipeline's DuckDB databases may use. Every DuckDB database the core opens
 * (warehouse, contract checks, sinks, the transform's target) gets these settings; DuckDB spills what does
 * not fit under the memory limit to the temp directory.
 *
 * @param memoryLimit DuckDB's {@code memory_limit}: a size in DuckDB's syntax ({@code 2GB}, {@code 1.5GiB},
 *     {@code 512MB}) or a share of the machine's physical memory ({@code 25%}); null for DuckDB's own default
 *     (80% of physical memory)
 * @param threads DuckDB's worker threads; null for DuckDB's default (one per core)
 * @param tempDirectory where DuckDB spills; null for DuckDB's default (beside the database file)
 */
public record DuckDbSettings(String memoryLimit, Integer threads, Path tempDirectory) {

    /**
     * The default memory limit. DuckDB's own default, 80% of physical memory, lets its buffer pool grow
     * with the data (to 19 GB on a 24 GB machine), next to the Maven JVM's heap; 1 GB keeps the build's
     * resident memory bounded, and DuckDB spills the rest of a large sort or join to the temp directory.
     */
    public static final String DEFAULT_MEMORY_LIMIT = "1GB";

    /** The temp directory's folder under the work directory ({@code target/ecommerce/tmp}). */
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]I?B|B|BYTES)", Pattern.CASE_INSENSITIVE);

    /** DuckDB cannot run a query in less. */
    private static final long MINIMUM_BYTES = 64L * 1024 * 1024;

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    /** The defaults (after the patterns it is checked with), with DuckDB's temp directory beside the database file. */
    public static final DuckDbSettings DEFAULTS = new DuckDbSettings(DEFAULT_MEMORY_LIMIT, null, null);

    public DuckDbSettings {
        memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? null : memoryLimit.strip();
        if (memoryLimit != null) {
            Matcher percent = PERCENT.matcher(memoryLimit);
            boolean valid = percent.matches()
                    ? Double.parseDouble(percent.group(1)) > 0 && Double.parseDouble(percent.group(1)) <= 100
                    : SIZE.matcher(memoryLimit).matches() && bytes(memoryLimit) >= MINIMUM_BYTES;
            if (!valid) {
                throw new ConfigurationException(Setting.DUCKDB_MEMORY_LIMIT.ref() + " must be a size"
                        + " of at least 64MiB such as 2GB, 1.5GiB or 512MB, or a share of physical memory such as 25%"
                        + " (got '" + memoryLimit + "').");
            }
        }
        if (threads != null && threads < 1) {
            throw new ConfigurationException(Setting.DUCKDB_THREADS.ref() + " must be at least 1 (got " + threads
                    + "); leave it out for one DuckDB thread per core.");
        }
    }

    private static long bytes(String size) {
        Matcher matcher = SIZE.matcher(size);
        matcher.matches();
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        int power = unit.startsWith("B") ? 0 : "KMGT".indexOf(unit.charAt(0)) + 1;
        double base = unit.contains("I") ? 1024 : 1000;
        return (long) (Double.parseDouble(matcher.group(1)) * Math.pow(base, power));
    }

    /** The defaults, with DuckDB's temp directory under the work directory. */
    public static DuckDbSettings defaults(Path workDirectory) {
        return workDirectory == null
                ? DEFAULTS
                : new DuckDbSettings(
                        DEFAULT_MEMORY_LIMIT, null, WorkLayout.of(workDirectory).tmp());
    }

    /**
     * The memory limit as DuckDB takes it: a share of physical memory becomes a size in MiB (DuckDB 1.4 has
     * no percentages); null for DuckDB's default.
     */
    public String duckDbMemoryLimit() {
        if (memoryLimit == null) {
            return null;
        }
        Matcher percent = PERCENT.matcher(memoryLimit);
        if (!percent.matches()) {
            return memoryLimit;
        }
        double share = Double.parseDouble(percent.group(1)) / 100;
        return Math.max(1, (long) (physicalMemory() * share / (1024 * 1024))) + "MiB";
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4; // the JVM's default heap is a quarter of physical memory
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "memory_limit=%s, threads=%s, temp_directory=%s",
                memoryLimit == null ? "DuckDB's default" : memoryLimit,
                threads == null ? "DuckDB's default" : threads,
                tempDirectory == null ? "DuckDB's default" : tempDirectory);
    }
}
