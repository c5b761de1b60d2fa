package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.util.List;
import java.util.Locale;

/**
 * The s3 destination's settings as a build tool hands them over (text, unset = null), turned into a checked
 * {@link S3DestinationSpec} with {@code S3_PATH} (environment, then {@code .env}) as the path's fallback.
 *
 * @param path {@code s3://bucket/prefix}, else S3_PATH
 * @param formats {@code parquet} (the default), {@code csv} or both
 * @param partitionByRunDate put the objects under {@code run_date=YYYY-MM-DD/}
 * @param layout {@code flat} (the default) or {@code monthly}
 * @param multipartThresholdMb files of at least this many MiB go up in parts
 * @param partSizeMb MiB per part
 * @param maxConcurrency parts in flight at once
 * @param client how to reach the bucket
 */
public record S3Parameters(
        String path,
        List<String> formats,
        boolean partitionByRunDate,
        String layout,
        int multipartThresholdMb,
        int partSizeMb,
        int maxConcurrency,
        S3ClientParameters client) {

    /** The checked spec; files are staged under the work directory's {@code staging/s3} before upload. */
    public S3DestinationSpec toSpec(Settings settings, WorkLayout workLayout) {
        Settings.Resolved resolved = settings.resolve(path, LegacyVariable.S3_PATH);
        String setting = switch (resolved.origin()) {
            case CONFIGURATION -> Setting.S3_PATH.ref();
            case DEFAULT -> Setting.S3_PATH.ref() + " or S3_PATH";
            default -> "S3_PATH (" + resolved.origin().name().toLowerCase(Locale.ROOT) + ")";
        };
        S3Location location = S3Location.parse(resolved.value(), setting);
        if (partSizeMb < 5) { // S3 rejects smaller parts (EntityTooSmall) only after the upload began
            throw new ConfigurationException(
                    Setting.S3_PART_SIZE_MB.ref() + " is " + partSizeMb + ": S3 takes parts of 5 MiB at least.");
        }
        return new S3DestinationSpec(
                location,
                FileFormat.parseAll(
                        formats == null ? List.of(FileFormat.DEFAULT_S3) : formats, Setting.S3_FORMATS.ref()),
                partitionByRunDate,
                S3Layout.parse(layout, Setting.S3_LAYOUT.ref()),
                client.toSpec(settings),
                new S3DestinationSpec.Multipart(
                        (long) multipartThresholdMb << 20, (long) partSizeMb << 20, maxConcurrency),
                workLayout.staging("s3"));
    }
}
