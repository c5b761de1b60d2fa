package dev.ecommerce.testkit.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The store behind {@link LocalS3}: passes everything through unless {@link S3Faults} asks for a failure. */
final class FaultyBlobStore extends ForwardingBlobStore {

    private static final String CHECKSUMS_UNSUPPORTED =
            "x-amz-checksum-* and x-amz-checksum-algorithm are not" + " supported: this store does not check checksums";

    private final S3Faults faults;

    FaultyBlobStore(BlobStore delegate, S3Faults faults) {
        super(delegate);
        this.faults = faults;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        check(
                content,
                request.checksumAlgorithm() != null
                        || request.checksumCRC32() != null
                        || request.checksumCRC32C() != null
                        || request.checksumCRC64NVME() != null
                        || request.checksumSHA1() != null
                        || request.checksumSHA256() != null);
        faults.objectWriteStarted(request.key());
        return super.putBlob(request, limited(content));
    }

    @Override
    public UploadPartResponse uploadMultipartPart(
            MultipartUpload upload, UploadPartRequest request, InputStream content) {
        check(
                content,
                request.checksumAlgorithm() != null
                        || request.checksumCRC32() != null
                        || request.checksumCRC32C() != null
                        || request.checksumCRC64NVME() != null
                        || request.checksumSHA1() != null
                        || request.checksumSHA256() != null);
        if (faults.takePartFailure()) {
            throw error(content, 500, "InternalError", "We encountered an internal error. Please try again.");
        }
        faults.partStarted();
        try {
            return super.uploadMultipartPart(upload, request, limited(content));
        } finally {
            faults.partEnded();
        }
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        if (faults.checksummed(request.checksumAlgorithm() != null)) {
            throw error(InputStream.nullInputStream(), 400, "InvalidRequest", CHECKSUMS_UNSUPPORTED);
        }
        faults.objectWriteStarted(request.key());
        return super.initiateMultipartUpload(request);
    }

    private InputStream limited(InputStream content) {
        long rate = faults.bytesPerSecondPerRequest();
        return rate <= 0 ? content : new RateLimitedInputStream(content, rate);
    }

    private void check(InputStream content, boolean hasChecksum) {
        if (faults.checksummed(hasChecksum)) {
            throw error(content, 400, "InvalidRequest", CHECKSUMS_UNSUPPORTED);
        }
        if (faults.takeThrottle()) {
            throw error(content, 503, "SlowDown", "Please reduce your request rate.");
        }
    }

    /** An S3 error answer; the request body is read first, as a real store does, so the connection stays usable. */
    private static S3Exception error(InputStream content, int status, String code, String message) {
        try {
            content.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }
}
