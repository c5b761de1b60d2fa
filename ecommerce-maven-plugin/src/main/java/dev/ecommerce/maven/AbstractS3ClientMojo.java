package dev.ecommerce.maven;

import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientParameters;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.s3.LocalS3Provider;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that reach S3 ({@code sink} with the s3 destination, {@code transform} on the {@code dev}
 * target): the same {@code ecommerce.s3.*} client settings, and credentials from a settings.xml server.
 */
abstract class AbstractS3ClientMojo extends AbstractEcommerceMojo {

    /** s3: the AWS region, e.g. {@code eu-west-1}; unset means {@code AWS_REGION}, then the AWS profile's region. */
    @Parameter(property = PropertyNames.S3_REGION)
    String s3Region;

    /** s3: the endpoint of an S3-compatible store (MinIO, R2, Ceph), e.g. {@code http://127.0.0.1:9000}; unset is AWS. */
    @Parameter(property = PropertyNames.S3_ENDPOINT)
    String s3Endpoint;

    /** s3: address buckets as {@code endpoint/bucket}; set it to {@code true} for most S3-compatible stores. */
    @Parameter(property = PropertyNames.S3_PATH_STYLE, defaultValue = "false")
    boolean s3PathStyle;

    /** s3: {@code when_supported} (AWS) or {@code when_required} for stores that reject the AWS SDK's checksums. */
    @Parameter(property = PropertyNames.S3_CHECKSUM_MODE, defaultValue = S3ChecksumMode.DEFAULT)
    String s3ChecksumMode;

    /** s3: the settings.xml server whose username (access key id) and password (secret key) are the credentials. */
    @Parameter(property = PropertyNames.S3_SERVER_ID, defaultValue = "s3")
    String s3ServerId;

    /** s3: attempts per request (first included) before a throttled or failing request fails the build. */
    @Parameter(property = PropertyNames.S3_MAX_ATTEMPTS, defaultValue = "" + S3ClientParameters.DEFAULT_MAX_ATTEMPTS)
    int s3MaxAttempts;

    /**
     * s3: start the local S3-compatible server of {@code ecommerce-testkit} (add it to the plugin's dependencies)
     * with its objects under {@code target/ecommerce/s3-local}, and use it: sink and the transform's {@code dev} target offline.
     */
    @Parameter(property = PropertyNames.S3_LOCAL_SERVER, defaultValue = "false")
    boolean s3LocalServer;

    /** This goal's S3 client settings; with a local server, its endpoint and keys instead of the configured ones. */
    S3ClientParameters s3Client(LocalS3Provider.Server local) {
        if (local != null) {
            return new S3ClientParameters(
                    s3Region,
                    local.endpoint().toString(),
                    true,
                    s3ChecksumMode,
                    Secret.of(local.accessKeyId()),
                    Secret.of(local.secretAccessKey()),
                    s3MaxAttempts);
        }
        ServerSecrets server = server(s3ServerId);
        return new S3ClientParameters(
                s3Region, s3Endpoint, s3PathStyle, s3ChecksumMode, server.username(), server.password(), s3MaxAttempts);
    }

    /**
     * Runs {@code action} with the local S3 server of {@code ecommerce-testkit}, started on
     * {@code target/ecommerce/s3-local} (objects are files there, so what one goal wrote the next one reads)
     * with {@code bucket}, and stopped afterwards.
     */
    void withLocalS3(String bucket, java.util.function.Consumer<LocalS3Provider.Server> action) {
        java.nio.file.Path folder = layout().localS3();
        try (LocalS3Provider.Server server =
                LocalS3Provider.find(getClass().getClassLoader()).start(folder, bucket)) {
            info("Started the local S3 server at " + server.endpoint() + "; objects are files under " + folder);
            action.accept(server);
        }
    }
}
