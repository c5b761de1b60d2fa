package dev.ecommerce.core.s3;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.Setting;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;

/** Builds the S3 client from a spec: region, endpoint, path style, checksums, credentials, retries, multipart. */
public final class S3Clients {

    /** The region S3-compatible stores get when none is configured: they ignore it, the signer needs one. */
    static final Region LOCAL_REGION = Region.US_EAST_1;

    private S3Clients() {}

    /**
     * An async client that splits files of at least the threshold into parts and sends several at once; with
     * {@code multipart} null, a client of single PUTs and GETs.
     */
    public static S3AsyncClient create(S3ClientSpec spec, S3DestinationSpec.Multipart multipart) {
        var builder = S3AsyncClient.builder()
                .region(region(spec))
                .credentialsProvider(credentials(spec.credentials()))
                .forcePathStyle(spec.pathStyle())
                .requestChecksumCalculation(
                        spec.checksumMode() == S3ChecksumMode.WHEN_REQUIRED
                                ? RequestChecksumCalculation.WHEN_REQUIRED
                                : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(
                        spec.checksumMode() == S3ChecksumMode.WHEN_REQUIRED
                                ? ResponseChecksumValidation.WHEN_REQUIRED
                                : ResponseChecksumValidation.WHEN_SUPPORTED)
                .multipartEnabled(multipart != null)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(multipart == null ? 4 : multipart.maxConcurrency())
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                // Explicit, so that no AWS_RETRY_MODE or profile setting changes how the build retries.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(spec.maxAttempts())
                        .build()));
        if (multipart != null) {
            builder.multipartConfiguration(MultipartConfiguration.builder()
                    .thresholdInBytes(multipart.thresholdBytes())
                    .minimumPartSizeInBytes(multipart.partSizeBytes())
                    .apiCallBufferSizeInBytes(multipart.partSizeBytes() * multipart.maxConcurrency())
                    .build());
        }
        if (spec.endpoint() != null) {
            builder.endpointOverride(spec.endpoint());
        }
        return builder.build();
    }

    static Region region(S3ClientSpec spec) {
        if (spec.region() != null && !spec.region().isBlank()) {
            return Region.of(spec.region().trim());
        }
        if (spec.endpoint() != null) {
            return LOCAL_REGION;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw new ConfigurationException("No AWS region for the s3 destination: set " + Setting.S3_REGION.ref()
                    + ", AWS_REGION, or a region in your AWS profile.");
        }
    }

    static AwsCredentialsProvider credentials(AwsCredentialsSpec spec) {
        if (spec.accessKeyId() != null && spec.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    spec.accessKeyId().reveal(),
                    spec.secretAccessKey().reveal(),
                    spec.sessionToken().reveal()));
        }
        if (spec.accessKeyId() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    spec.accessKeyId().reveal(), spec.secretAccessKey().reveal()));
        }
        if (spec.profile() != null && !spec.profile().isBlank()) {
            return ProfileCredentialsProvider.builder()
                    .profileName(spec.profile())
                    .build();
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
