package dev.ecommerce.testkit.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Reads no faster than a given rate, like one connection over a limited link. */
final class RateLimitedInputStream extends FilterInputStream {

    private final long bytesPerSecond;
    private final long start = System.nanoTime();
    private long read;

    RateLimitedInputStream(InputStream in, long bytesPerSecond) {
        super(in);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            pace(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, Math.min(length, 64 * 1024));
        if (n > 0) {
            pace(n);
        }
        return n;
    }

    private void pace(int n) throws IOException {
        read += n;
        long due = start + read * 1_000_000_000L / bytesPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pacing an upload");
            }
        }
    }
}
