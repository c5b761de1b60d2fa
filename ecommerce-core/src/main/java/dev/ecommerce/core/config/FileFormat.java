package dev.ecommerce.core.config;

import java.util.List;
import java.util.Set;

/** The file formats the sinks write. */
public enum FileFormat {
    /** Comma-separated with a header row; timestamps as {@code 2024-01-31 12:00:00+00}. */
    CSV("csv", "FORMAT csv, HEADER true, DELIMITER ','"),
    /** Parquet with zstd compression, DuckDB's row groups. */
    PARQUET("parquet", "FORMAT parquet, COMPRESSION zstd");

    /** The local destination's default formats, as the build tool's parameter says them. */
    public static final String DEFAULT_LOCAL = "csv,parquet";

    /** The s3 destination's default format. */
    public static final String DEFAULT_S3 = "parquet";

    private final String extension;
    private final String copyOptions;

    FileFormat(String extension, String copyOptions) {
        this.extension = extension;
        this.copyOptions = copyOptions;
    }

    public String extension() {
        return extension;
    }

    /** The options of DuckDB's COPY statement for this format. */
    public String copyOptions() {
        return copyOptions;
    }

    /** Parses {@code csv,parquet}; {@code null} means both. */
    public static Set<FileFormat> parseAll(List<String> raw, String setting) {
        return Choices.parseAll(FileFormat.class, raw == null ? List.of(DEFAULT_LOCAL) : raw, setting);
    }
}
