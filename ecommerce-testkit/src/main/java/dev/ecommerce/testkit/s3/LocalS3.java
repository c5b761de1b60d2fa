package dev.ecommerce.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible server in this JVM (S3Proxy) on a free port of 127.0.0.1, path-style, AWS signature v4
 * with a fixed access key. Objects live in memory or as files under a folder (one sub-folder per bucket), so
 * that a user can look at them. {@link #faults()} injects throttling, failing part uploads and checksum
 * rejection.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "local-access-key";
    public static final String SECRET_ACCESS_KEY = "local-secret-key";

    private final S3Proxy proxy;
    private final S3Faults faults;
    private final BlobStore store;
    private final String accessKeyId;
    private final String secretAccessKey;

    private LocalS3(S3Proxy proxy, S3Faults faults, BlobStore store, String accessKeyId, String secretAccessKey) {
        this.proxy = proxy;
        this.faults = faults;
        this.store = store;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /** A server that keeps objects in memory. */
    public static LocalS3 inMemory(String... buckets) {
        return withKeys(ACCESS_KEY_ID, SECRET_ACCESS_KEY, buckets);
    }

    /** A server in memory that accepts only this access key. */
    public static LocalS3 withKeys(String accessKeyId, String secretAccessKey, String... buckets) {
        return start(BlobStores.create("transient", new Properties()), accessKeyId, secretAccessKey, buckets);
    }

    /** A server that keeps objects as files under {@code folder}. */
    public static LocalS3 onDisk(Path folder, String... buckets) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        return start(BlobStores.create("filesystem", properties), ACCESS_KEY_ID, SECRET_ACCESS_KEY, buckets);
    }

    private static LocalS3 start(BlobStore backend, String accessKeyId, String secretAccessKey, String... buckets) {
        S3Faults faults = new S3Faults();
        BlobStore store = new FaultyBlobStore(backend, faults);
        for (String bucket : buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKeyId, secretAccessKey)
                // The transfer manager sends x-amz-mp-object-size, which S3Proxy does not know.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start S3Proxy: " + e.getMessage(), e);
        }
        return new LocalS3(proxy, faults, store, accessKeyId, secretAccessKey);
    }

    /** {@code http://127.0.0.1:<port>}; use path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public S3Faults faults() {
        return faults;
    }

    /** Creates a bucket if it is missing. */
    public void createBucket(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop S3Proxy: " + e.getMessage(), e);
        }
    }
}
