package dev.ecommerce.testkit.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the {@link LocalS3} server injects into the next write requests (object and part uploads), and
 * counters of what it saw, so that tests can check retries and cleanup.
 */
public final class S3Faults {

    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger failParts = new AtomicInteger();
    private final AtomicInteger partsBeforeFailure = new AtomicInteger();
    private final AtomicBoolean rejectChecksums = new AtomicBoolean();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger partUploads = new AtomicInteger();
    private final AtomicInteger checksummedRequests = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong bytesPerSecondPerRequest =
            new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger partsInFlight = new AtomicInteger();
    private final AtomicInteger maxPartsInFlight = new AtomicInteger();
    private final List<String> objectWrites = new CopyOnWriteArrayList<>();

    /** Answers the next {@code n} uploads (whole objects or parts) with 503 SlowDown. */
    public S3Faults throttleNext(int n) {
        throttleNext.set(n);
        return this;
    }

    /** After {@code okParts} more successful part uploads, fails the next {@code n} with 500 InternalError. */
    public S3Faults failPartUploads(int okParts, int n) {
        partsBeforeFailure.set(okParts);
        failParts.set(n);
        return this;
    }

    /** Rejects every upload that carries an {@code x-amz-checksum-*} value, as some S3-compatible stores do. */
    public S3Faults rejectChecksums(boolean reject) {
        rejectChecksums.set(reject);
        return this;
    }

    /**
     * Reads each upload's body at most this fast, like a long-distance link where one connection carries a
     * limited rate; 0 is unlimited.
     */
    public S3Faults limitEachRequest(long bytesPerSecond) {
        bytesPerSecondPerRequest.set(bytesPerSecond);
        return this;
    }

    /** Clears every fault (the counters stay). */
    public void clear() {
        throttleNext.set(0);
        failParts.set(0);
        partsBeforeFailure.set(0);
        rejectChecksums.set(false);
        bytesPerSecondPerRequest.set(0);
    }

    long bytesPerSecondPerRequest() {
        return bytesPerSecondPerRequest.get();
    }

    /** Requests answered with 503 so far. */
    public int throttled() {
        return throttled.get();
    }

    /** Part uploads that reached the store (failed or not). */
    public int partUploads() {
        return partUploads.get();
    }

    /** The most part uploads the store was receiving at the same time. */
    public int maxPartsInFlight() {
        return maxPartsInFlight.get();
    }

    void partStarted() {
        int now = partsInFlight.incrementAndGet();
        maxPartsInFlight.accumulateAndGet(now, Math::max);
    }

    void partEnded() {
        partsInFlight.decrementAndGet();
    }

    /** The keys of the object writes (single PUTs and multipart uploads) that reached the store, in order. */
    public List<String> objectWrites() {
        return List.copyOf(objectWrites);
    }

    void objectWriteStarted(String key) {
        objectWrites.add(key);
    }

    /** Uploads that carried a checksum value. */
    public int checksummedRequests() {
        return checksummedRequests.get();
    }

    boolean takeThrottle() {
        if (throttleNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throttled.incrementAndGet();
            return true;
        }
        return false;
    }

    boolean takePartFailure() {
        partUploads.incrementAndGet();
        if (failParts.get() <= 0) {
            return false;
        }
        if (partsBeforeFailure.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return false;
        }
        return failParts.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    boolean checksummed(boolean hasChecksum) {
        if (hasChecksum) {
            checksummedRequests.incrementAndGet();
        }
        return hasChecksum && rejectChecksums.get();
    }
}
