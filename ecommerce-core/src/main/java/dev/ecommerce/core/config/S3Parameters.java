package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The s3 destination's settings as a build tool hands them over (text, unset = null), turned into a checked
 * {@link S3DestinationSpec} with the environment and {@code .env} as fallbacks ({@code S3_PATH},
 * {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}).
 *
 * @param path {@code s3://bucket/prefix}, else S3_PATH
 * @param formats {@code parquet} (the default), {@code csv} or both
 * @param serverAccessKeyId the {@code <username>} of the settings.xml server, or null
 * @param serverSecretKey the {@code <password>} of the settings.xml server, or null
 * @param multipartThresholdMb files of at least this many MiB go up in parts
 * @param partSizeMb MiB per part
 */
public record S3Parameters(
        String path,
        List<String> formats,
        boolean partitionByRunDate,
        String region,
        String endpoint,
        boolean pathStyle,
        String checksumMode,
        Secret serverAccessKeyId,
        Secret serverSecretKey,
        int maxAttempts,
        int multipartThresholdMb,
        int partSizeMb,
        int maxConcurrency) {

    /** The checked spec; files are staged under {@code stagingDirectory} before upload. */
    public S3DestinationSpec toSpec(Settings settings, Path stagingDirectory) {
        Settings.Resolved resolved = settings.resolve(path, LegacyVariable.S3_PATH);
        String setting = switch (resolved.origin()) {
            case CONFIGURATION -> "<s3Path> (-Decommerce.s3.path)";
            case DEFAULT -> "<s3Path> (-Decommerce.s3.path) or S3_PATH";
            default -> "S3_PATH (" + resolved.origin().name().toLowerCase(Locale.ROOT) + ")";
        };
        S3Location location = S3Location.parse(resolved.value(), setting);
        if (partSizeMb < 5) { // S3 rejects smaller parts (EntityTooSmall) only after the upload began
            throw new ConfigurationException("<s3PartSizeMb> (-Decommerce.s3.partSizeMb) is " + partSizeMb
                    + ": S3 takes parts of 5 MiB at least.");
        }
        return new S3DestinationSpec(
                location,
                FileFormat.parseAll(
                        formats == null ? List.of("parquet") : formats, "<s3Formats> (-Decommerce.s3.formats)"),
                partitionByRunDate,
                client(settings),
                new S3DestinationSpec.Multipart(
                        (long) multipartThresholdMb << 20, (long) partSizeMb << 20, maxConcurrency),
                stagingDirectory);
    }

    /**
     * How to reach S3 alone (region, endpoint, path style, checksums, credentials, attempts), e.g. for the
     * transform's files; the path, formats and multipart settings play no part.
     */
    public S3ClientSpec client(Settings settings) {
        return new S3ClientSpec(
                settings.resolve(region, LegacyVariable.AWS_REGION).value(),
                endpointUri(),
                pathStyle,
                S3ChecksumMode.parse(checksumMode, "<s3ChecksumMode> (-Decommerce.s3.checksumMode)"),
                credentials(settings),
                maxAttempts);
    }

    private URI endpointUri() {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        try {
            return new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("Invalid <s3Endpoint> (-Decommerce.s3.endpoint) '" + endpoint
                    + "': use a URL such as http://127.0.0.1:9000.");
        }
    }

    /** The settings.xml server first, then an access key from the environment or .env, then a profile or the chain. */
    private AwsCredentialsSpec credentials(Settings settings) {
        if (serverAccessKeyId != null || serverSecretKey != null) {
            return AwsCredentialsSpec.accessKey(serverAccessKeyId, serverSecretKey);
        }
        var keyId = settings.secret(LegacyVariable.AWS_ACCESS_KEY_ID);
        var secretKey = settings.secret(LegacyVariable.AWS_SECRET_ACCESS_KEY);
        if (keyId.isPresent() || secretKey.isPresent()) {
            // Temporary keys (SSO, OIDC in CI, assumed roles) only work with their session token.
            return AwsCredentialsSpec.accessKey(
                    keyId.orElse(null),
                    secretKey.orElse(null),
                    settings.secret(LegacyVariable.AWS_SESSION_TOKEN).orElse(null));
        }
        return new AwsCredentialsSpec(
                null, null, settings.resolve(null, LegacyVariable.AWS_PROFILE).value());
    }
}
