package dev.ecommerce.core.s3;

import dev.ecommerce.core.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Starts a local S3-compatible server whose objects are files under a folder. The implementation lives in
 * {@code ecommerce-testkit}; a build that adds it to the plugin's dependencies can run the s3 destination
 * offline ({@link dev.ecommerce.core.config.Setting#S3_LOCAL_SERVER}).
 */
public interface LocalS3Provider {

    /** A running server; closing it stops it. */
    interface Server extends AutoCloseable {
        URI endpoint();

        String accessKeyId();

        String secretAccessKey();

        @Override
        void close();
    }

    /** Starts a server that stores objects under {@code folder} and has {@code bucket}. */
    Server start(Path folder, String bucket);

    /** The provider on the classpath of {@code loader}, or a message that says which dependency to add. */
    static LocalS3Provider find(ClassLoader loader) {
        return ServiceLoader.load(LocalS3Provider.class, loader)
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("ecommerce.s3.localServer needs the local S3 server:"
                        + " add dev.ecommerce:ecommerce-testkit to the plugin's <dependencies>."));
    }
}
