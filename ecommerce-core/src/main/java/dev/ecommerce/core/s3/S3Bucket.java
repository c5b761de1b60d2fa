package dev.ecommerce.core.s3;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The bucket of one S3 destination: uploads through the transfer manager, publishes and withdraws the
 * manifest, lists, reads and deletes objects, and aborts incomplete multipart uploads of the run's keys. Opened for a location and a client
 * alone ({@link #open(S3Location, S3ClientSpec)}), it moves whole files with single requests: {@link #put}
 * and {@link #get}.
 */
public final class S3Bucket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);

    private final S3Location location;
    private final S3AsyncClient client;
    private final S3TransferManager transfers;

    private S3Bucket(S3Location location, S3AsyncClient client, boolean transferManager) {
        this.location = location;
        this.client = client;
        this.transfers =
                transferManager ? S3TransferManager.builder().s3Client(client).build() : null;
    }

    public static S3Bucket open(S3DestinationSpec spec) {
        return new S3Bucket(spec.location(), S3Clients.create(spec.client(), spec.multipart()), true);
    }

    /** The bucket of {@code location}, for whole-object {@link #put} and {@link #get} (no multipart). */
    public static S3Bucket open(S3Location location, S3ClientSpec client) {
        return new S3Bucket(location, S3Clients.create(client, null), false);
    }

    /**
     * Uploads a file to {@code key} with one PUT: S3 shows the new object only once it is complete, so
     * readers see the previous object or the new one, never part of it.
     */
    public void put(Path file, String key) {
        String what = "Cannot upload " + file + " to " + location.uri(key);
        try {
            call(
                    what,
                    client.putObject(put -> put.bucket(location.bucket()).key(key), AsyncRequestBody.fromFile(file)));
        } catch (InfrastructureException e) {
            // A store may answer a PUT into a missing bucket and close the connection while the body is still
            // being sent; the client then reports a broken connection instead of NoSuchBucket. Ask once.
            if (!bucketExists()) {
                throw S3Errors.missingBucket(
                        what + ": S3 answered 404 NoSuchBucket (bucket " + location.bucket() + ")", e);
            }
            throw e;
        }
    }

    private boolean bucketExists() {
        try {
            client.headBucket(head -> head.bucket(location.bucket())).join();
            return true;
        } catch (RuntimeException e) {
            return !(S3Errors.unwrap(e) instanceof AwsServiceException service && service.statusCode() == 404);
        }
    }

    /**
     * Downloads {@code key} into {@code target}, whole or not at all (a temporary file in the same folder,
     * then a move).
     *
     * @throws DataException when there is no such object
     */
    public void get(String key, Path target) {
        AtomicFiles.write(target, UUID.randomUUID().toString(), temporary -> {
            try {
                client.getObject(
                                get -> get.bucket(location.bucket()).key(key),
                                AsyncResponseTransformer.toFile(temporary))
                        .join();
            } catch (RuntimeException e) {
                Throwable cause = S3Errors.unwrap(e);
                if (cause instanceof NoSuchKeyException
                        || (cause instanceof AwsServiceException s && s.statusCode() == 404)) {
                    throw new DataException("There is no object " + location.uri(key) + ".", cause);
                }
                throw S3Errors.translate("Cannot download " + location.uri(key), e);
            }
        });
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

    /**
     * Uploads files (key → file) all at once, as the client's connections allow, and waits for every one. On failure
     * the multipart uploads of {@code runKeys} are aborted and the first failure is thrown.
     */
    public void uploadAll(Map<String, Path> files, Collection<String> runKeys) {
        Map<String, CompletableFuture<?>> uploads = new LinkedHashMap<>();
        files.forEach((key, file) -> uploads.put(
                key,
                transfers
                        .uploadFile(request -> request.source(file)
                                .putObjectRequest(
                                        put -> put.bucket(location.bucket()).key(key)))
                        .completionFuture()));
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<?>> upload : uploads.entrySet()) {
            try {
                upload.getValue().join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = S3Errors.translate("Cannot upload " + location.uri(upload.getKey()), e);
                }
            }
        }
        if (failure != null) {
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

    /**
     * The object at {@code key} (a manifest: small, read whole), or empty when there is none.
     */
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(
                    client.getObject(get -> get.bucket(location.bucket()).key(key), AsyncResponseTransformer.toBytes())
                            .join()
                            .asByteArray());
        } catch (RuntimeException e) {
            Throwable cause = S3Errors.unwrap(e);
            if (cause instanceof NoSuchKeyException
                    || (cause instanceof AwsServiceException s && s.statusCode() == 404)) {
                return Optional.empty();
            }
            throw S3Errors.translate("Cannot read " + location.uri(key), e);
        }
    }

    /** Every object whose key starts with {@code keyPrefix}, key → size in bytes, all pages. */
    public Map<String, Long> list(String keyPrefix) {
        Map<String, Long> objects = new TreeMap<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = call(
                    "Cannot list " + location.uri(keyPrefix),
                    client.listObjectsV2(list ->
                            list.bucket(location.bucket()).prefix(keyPrefix).continuationToken(continuation)));
            for (S3Object object : page.contents()) {
                objects.put(object.key(), object.size());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    /** Deletes these objects, one request each (deleting a missing key succeeds). */
    public void delete(Collection<String> keys) {
        for (String key : keys) {
            call(
                    "Cannot delete " + location.uri(key),
                    client.deleteObject(
                            delete -> delete.bucket(location.bucket()).key(key)));
        }
    }

    /** Aborts the incomplete multipart uploads of these keys, e.g. of a run that was killed. */
    public void abortIncompleteUploads(Collection<String> keys) {
        abortIncompleteUploads(keys::contains);
    }

    /** Aborts the incomplete multipart uploads of the keys under the prefix that {@code ours} accepts. */
    public void abortIncompleteUploads(Predicate<String> ours) {
        String prefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        var listing = call(
                "Cannot list the multipart uploads of " + location,
                client.listMultipartUploads(
                        list -> list.bucket(location.bucket()).prefix(prefix)));
        for (MultipartUpload upload : listing.uploads()) {
            if (ours.test(upload.key())) {
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
            if (transfers != null) {
                transfers.close();
            }
        } catch (RuntimeException e) {
            throw new InfrastructureException("Cannot close the S3 client: " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }
}
