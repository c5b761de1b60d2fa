package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * How to reach S3, as a build tool hands it over (text, unset = null): what the sink's s3 destination and the
 * transform's S3 files share. Turned into an {@link S3ClientSpec} with the environment and {@code .env} as
 * fallbacks ({@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN},
 * {@code AWS_PROFILE}).
 *
 * @param region the AWS region, else AWS_REGION, else the profile's
 * @param endpoint an S3-compatible store's URL; null is AWS
 * @param pathStyle address buckets as {@code endpoint/bucket}
 * @param checksumMode {@code when_supported} (null) or {@code when_required}
 * @param serverAccessKeyId the {@code <username>} of the settings.xml server, or null
 * @param serverSecretKey the {@code <password>} of the settings.xml server, or null
 * @param maxAttempts attempts per request, the first included
 */
public record S3ClientParameters(
        String region,
        String endpoint,
        boolean pathStyle,
        String checksumMode,
        Secret serverAccessKeyId,
        Secret serverSecretKey,
        int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The checked client settings. */
    public S3ClientSpec toSpec(Settings settings) {
        return new S3ClientSpec(
                settings.resolve(region, LegacyVariable.AWS_REGION).value(),
                endpointUri(),
                pathStyle,
                S3ChecksumMode.parse(checksumMode, Setting.S3_CHECKSUM_MODE.ref()),
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
            throw new ConfigurationException("Invalid " + Setting.S3_ENDPOINT.ref() + " '" + endpoint
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
