package dev.ecommerce.maven;

import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3Parameters;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.sink.s3.LocalS3Provider;
import java.util.List;
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

    /**
     * s3: start the local S3-compatible server of {@code ecommerce-testkit} (add it to the plugin's dependencies)
     * with its objects under {@code target/ecommerce/s3-local}, and use it: sink and the transform's {@code dev} target offline.
     */
    @Parameter(property = PropertyNames.S3_LOCAL_SERVER, defaultValue = "false")
    boolean s3LocalServer;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private org.apache.maven.settings.Settings mavenSettings;

    @Component
    private SettingsDecrypter decrypter;

    /** The S3 client settings alone: region, endpoint, path style, checksums, attempts and credentials. */
    S3ClientSpec s3Client(Settings settings, LocalS3Provider.Server local) {
        // Path, formats and multipart play no part in a client: the destination's defaults fill them.
        return s3Parameters(null, null, false, 16, 8, 8, local).client(settings);
    }

    /**
     * The s3 settings with this goal's client parameters; with a local server, its endpoint and keys instead
     * of the configured ones.
     */
    S3Parameters s3Parameters(
            String path,
            List<String> formats,
            boolean partitionByRunDate,
            int multipartThresholdMb,
            int partSizeMb,
            int maxConcurrency,
            LocalS3Provider.Server local) {
        ServerSecrets server = local == null ? server(s3ServerId) : new ServerSecrets(null, null, null);
        return new S3Parameters(
                path,
                formats,
                partitionByRunDate,
                s3Region,
                local == null ? s3Endpoint : local.endpoint().toString(),
                local != null || s3PathStyle,
                s3ChecksumMode,
                local == null ? server.username() : Secret.of(local.accessKeyId()),
                local == null ? server.password() : Secret.of(local.secretAccessKey()),
                s3MaxAttempts,
                multipartThresholdMb,
                partSizeMb,
                maxConcurrency);
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

    /** A settings.xml server's decrypted credentials; its values are masked in every message from now on. */
    ServerSecrets server(String id) {
        ServerSecrets server = ServerSecrets.lookup(mavenSettings, decrypter, id);
        server.secrets().forEach(this::addSecret);
        return server;
    }
}
