package dev.ecommerce.testkit.s3;

import dev.ecommerce.core.s3.LocalS3Provider;
import java.net.URI;
import java.nio.file.Path;

/**
 * Makes {@link LocalS3} the core's local S3 server ({@code -Decommerce.s3.localServer}), found through
 * {@link java.util.ServiceLoader} when this module is on the classpath.
 */
public final class LocalS3ServerProvider implements LocalS3Provider {

    /** For {@link java.util.ServiceLoader}. */
    public LocalS3ServerProvider() {}

    @Override
    public Server start(Path folder, String bucket) {
        LocalS3 server = LocalS3.onDisk(folder, bucket);
        return new Server() {
            @Override
            public URI endpoint() {
                return server.endpoint();
            }

            @Override
            public String accessKeyId() {
                return LocalS3.ACCESS_KEY_ID;
            }

            @Override
            public String secretAccessKey() {
                return LocalS3.SECRET_ACCESS_KEY;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
