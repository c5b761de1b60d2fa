package dev.ecommerce.maven;

import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3Parameters;
import dev.ecommerce.core.config.Settings;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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
    @Parameter(property = PropertyNames.S3_CHECKSUM_MODE, defaultValue = "when_supported")
    String s3ChecksumMode;

    /** s3: the settings.xml server whose username (access key id) and password (secret key) are the credentials. */
    @Parameter(property = PropertyNames.S3_SERVER_ID, defaultValue = "s3")
    String s3ServerId;

    /** s3: attempts per request (first included) before a throttled or failing request fails the build. */
    @Parameter(property = PropertyNames.S3_MAX_ATTEMPTS, defaultValue = "5")
    int s3MaxAttempts;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private org.apache.maven.settings.Settings mavenSettings;

    @Component
    private SettingsDecrypter decrypter;

    /** The S3 client settings alone: region, endpoint, path style, checksums, attempts and credentials. */
    S3ClientSpec s3Client(Settings settings) {
        ServerSecrets server = server(s3ServerId);
        return new S3Parameters(
                        null,
                        null,
                        false,
                        s3Region,
                        s3Endpoint,
                        s3PathStyle,
                        s3ChecksumMode,
                        server.username(),
                        server.password(),
                        s3MaxAttempts,
                        16,
                        8,
                        8)
                .client(settings);
    }

    /** A settings.xml server's decrypted credentials; its values are masked in every message from now on. */
    ServerSecrets server(String id) {
        ServerSecrets server = ServerSecrets.lookup(mavenSettings, decrypter, id);
        server.secrets().forEach(this::addSecret);
        return server;
    }
}
