package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.net.URI;

/**
 * How to reach the bucket.
 *
 * @param region the AWS region, or {@code null} for the SDK's region chain ({@code AWS_REGION}, profile)
 * @param endpoint an S3-compatible endpoint (MinIO, R2, Ceph, a local server), or {@code null} for AWS
 * @param pathStyle address buckets as {@code endpoint/bucket} instead of {@code bucket.endpoint}
 * @param checksumMode when request and response checksums are computed and checked
 * @param credentials where the credentials come from
 * @param maxAttempts attempts per request, first included, with the SDK's standard back-off
 */
public record S3ClientSpec(
        String region,
        URI endpoint,
        boolean pathStyle,
        S3ChecksumMode checksumMode,
        AwsCredentialsSpec credentials,
        int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    public S3ClientSpec {
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new ConfigurationException("Invalid " + Setting.S3_ENDPOINT.ref() + " '" + endpoint
                    + "': use a URL such as http://127.0.0.1:9000.");
        }
        if (maxAttempts < 1) {
            throw new ConfigurationException(
                    Setting.S3_MAX_ATTEMPTS.ref() + " must be at least 1, not " + maxAttempts + ".");
        }
        checksumMode = checksumMode == null ? S3ChecksumMode.WHEN_SUPPORTED : checksumMode;
        credentials = credentials == null ? AwsCredentialsSpec.defaultChain() : credentials;
    }
}
