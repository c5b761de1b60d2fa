package dev.ecommerce.core.sink.s3;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Location;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The bucket of one S3 destination: uploads through the transfer manager, publishes and withdraws the
 * manifest, and aborts incomplete multipart uploads of the run's keys.
 */
public final class S3Bucket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);

    private final S3Location location;
    private final S3AsyncClient client;
    private final S3TransferManager transfers;

    private S3Bucket(S3Location location, S3AsyncClient client) {
        this.location = location;
        this.client = client;
        this.transfers = S3TransferManager.builder().s3Client(client).build();
    }

    public static S3Bucket open(S3DestinationSpec spec) {
        return new S3Bucket(spec.location(), S3Clients.create(spec.client(), spec.multipart()));
    }

    /**
     * Uploads a file to {@code key}, replacing an object there. On failure the multipart uploads of
     * {@code runKeys} are aborted, so that no incomplete upload is left behind.
     */
    public void upload(Path file, String key, Collection<String> runKeys) {
        try {
            transfers
                    .uploadFile(request -> request.source(file)
                            .putObjectRequest(
                                    put -> put.bucket(location.bucket()).key(key)))
                    .completionFuture()
                    .join();
        } catch (RuntimeException e) {
            RuntimeException failure = S3Errors.translate("Cannot upload " + location.uri(key), e);
            try {
                abortIncompleteUploads(runKeys);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** Writes the run's manifest: the last object, the one that publishes the others. */
    public void publish(String key, byte[] json) {
        call(
                "Cannot write the manifest " + location.uri(key),
                client.putObject(
                        put -> put.bucket(location.bucket()).key(key).contentType("application/json"),
                        AsyncRequestBody.fromBytes(json)));
    }

    /** Deletes the previous run's manifest before objects are replaced (deleting a missing key succeeds). */
    public void unpublish(String key) {
        call(
                "Cannot delete the previous manifest " + location.uri(key),
                client.deleteObject(delete -> delete.bucket(location.bucket()).key(key)));
    }

    /** Aborts the incomplete multipart uploads of these keys, e.g. of a run that was killed. */
    public void abortIncompleteUploads(Collection<String> keys) {
        String prefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        var listing = call(
                "Cannot list the multipart uploads of " + location,
                client.listMultipartUploads(
                        list -> list.bucket(location.bucket()).prefix(prefix)));
        for (MultipartUpload upload : listing.uploads()) {
            if (keys.contains(upload.key())) {
                LOG.debug("Aborting the incomplete upload {} of {}", upload.uploadId(), upload.key());
                call(
                        "Cannot abort the incomplete upload of " + location.uri(upload.key()),
                        client.abortMultipartUpload(abort -> abort.bucket(location.bucket())
                                .key(upload.key())
                                .uploadId(upload.uploadId())));
            }
        }
    }

    private static <T> T call(String what, CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            throw S3Errors.translate(what, e);
        }
    }

    @Override
    public void close() {
        try {
            transfers.close();
        } catch (RuntimeException e) {
            throw new InfrastructureException("Cannot close the S3 client: " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }
}
