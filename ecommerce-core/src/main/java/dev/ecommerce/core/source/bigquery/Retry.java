package dev.ecommerce.core.source.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import dev.ecommerce.core.InfrastructureException;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bounded retries with exponential backoff for BigQuery REST calls. The Google client retries some
 * errors itself (rate limits, dropped connections) but hands HTTP 5xx ({@code backendError}) and read
 * timeouts straight back; this covers them, so every transient error gets the same bounded treatment.
 */
final class Retry {

    private static final Set<String> TRANSIENT_REASONS =
            Set.of("backenderror", "internalerror", "ratelimitexceeded", "jobratelimitexceeded");

    private Retry() {}

    static <T> T call(int maxAttempts, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (BigQueryException e) {
                if (attempt >= maxAttempts || !isTransient(e)) {
                    throw e;
                }
                sleep(attempt);
            }
        }
    }

    static boolean isTransient(BigQueryException e) {
        if (e.getCode() >= 500 || e.isRetryable()) {
            return true;
        }
        BigQueryError error = e.getError();
        if (error != null
                && error.getReason() != null
                && TRANSIENT_REASONS.contains(error.getReason().toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        // A read timeout arrives as an interrupt from the HTTP layer, a reset as an IOException.
        Throwable cause = e.getCause();
        return cause instanceof IOException
                || cause instanceof InterruptedException
                        && !Thread.currentThread().isInterrupted();
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(10_000L, 200L << Math.min(attempt - 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while waiting to retry a BigQuery call", e);
        }
    }
}
