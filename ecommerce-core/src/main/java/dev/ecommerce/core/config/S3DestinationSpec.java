package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Set;

/**
 * S3: each table as {@code <prefix>/<table>.<format>} (or {@code <prefix>/run_date=YYYY-MM-DD/...} when
 * partitioned by run date), or in the {@link S3Layout#MONTHLY monthly} layout one object per creation month under
 * {@code <prefix>/<table>/created_month=YYYY-MM/}; then {@code _manifest.json} beside them, written last.
 *
 * @param location the bucket and prefix
 * @param formats the formats to upload (Parquet by default)
 * @param partitionByRunDate put the objects under {@code run_date=<UTC date of the run>/}
 * @param layout one object per table ({@link S3Layout#FLAT}, the default) or per table and creation month
 * @param client how to reach the bucket
 * @param multipart when and how large files go up in parts
 * @param stagingDirectory where DuckDB writes the files before upload
 */
public record S3DestinationSpec(
        S3Location location,
        Set<FileFormat> formats,
        boolean partitionByRunDate,
        S3Layout layout,
        S3ClientSpec client,
        Multipart multipart,
        Path stagingDirectory)
        implements DestinationSpec {

    /**
     * Multipart uploads.
     *
     * @param thresholdBytes files of at least this size go up in parts
     * @param partSizeBytes the size of each part (S3's minimum is 5 MiB, except for the last part)
     * @param maxConcurrency parts (and files) in flight at once
     */
    public record Multipart(long thresholdBytes, long partSizeBytes, int maxConcurrency) {

        public static final int DEFAULT_THRESHOLD_MB = 16;
        public static final int DEFAULT_PART_SIZE_MB = 8;
        public static final int DEFAULT_CONCURRENCY = 8;

        public Multipart {
            if (thresholdBytes < 1 || partSizeBytes < 1 || maxConcurrency < 1) {
                throw new ConfigurationException(
                        Setting.S3_MULTIPART_THRESHOLD_MB.ref() + ", " + Setting.S3_PART_SIZE_MB.ref() + " and "
                                + Setting.S3_MAX_CONCURRENCY.ref() + " must be positive.");
            }
        }

        public static Multipart defaults() {
            return new Multipart(
                    (long) DEFAULT_THRESHOLD_MB << 20, (long) DEFAULT_PART_SIZE_MB << 20, DEFAULT_CONCURRENCY);
        }
    }

    public S3DestinationSpec {
        if (location == null) {
            throw new ConfigurationException("Set " + Setting.S3_PATH.ref() + " or S3_PATH for the s3 destination.");
        }
        formats = formats == null || formats.isEmpty() ? Set.of(FileFormat.PARQUET) : Set.copyOf(formats);
        multipart = multipart == null ? Multipart.defaults() : multipart;
        layout = layout == null ? S3Layout.FLAT : layout;
        if (layout == S3Layout.MONTHLY && partitionByRunDate) {
            // A run-date folder starts empty every day: there would never be a previous month to keep.
            throw new ConfigurationException(Setting.S3_LAYOUT.set("monthly") + " keeps the months that did not change"
                    + " in place, which a new " + Setting.S3_PARTITION_BY_RUN_DATE.ref() + " folder per day defeats:"
                    + " use one of the two.");
        }
    }

    /** The flat layout ({@link S3Layout#FLAT}). */
    public S3DestinationSpec(
            S3Location location,
            Set<FileFormat> formats,
            boolean partitionByRunDate,
            S3ClientSpec client,
            Multipart multipart,
            Path stagingDirectory) {
        this(location, formats, partitionByRunDate, S3Layout.FLAT, client, multipart, stagingDirectory);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.S3;
    }
}
