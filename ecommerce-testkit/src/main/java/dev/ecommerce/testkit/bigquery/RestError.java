package dev.ecommerce.testkit.bigquery;

import java.util.Objects;

/**
 * A BigQuery REST error: the HTTP status, the {@code errors[].reason} the client reads into
 * {@code BigQueryException.getReason()}, and the message. The factories give the shapes BigQuery sends.
 *
 * @param status the HTTP status code, 400 to 599
 * @param reason the error reason, e.g. {@code backendError}, {@code rateLimitExceeded}, {@code notFound}
 * @param message the human-readable message
 */
public record RestError(int status, String reason, String message) {

    public RestError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status is 400 to 599, got " + status);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** 503 {@code backendError}: a transient server fault the client retries. */
    public static RestError backendError() {
        return new RestError(
                503, "backendError", "Error encountered during execution. Retrying may solve the problem.");
    }

    /** 500 {@code internalError}. */
    public static RestError internalError() {
        return new RestError(
                500, "internalError", "An internal error occurred and the request could not be completed.");
    }

    /** 403 {@code rateLimitExceeded}, with the message text the client recognises as retryable. */
    public static RestError rateLimitExceeded() {
        return new RestError(
                403,
                "rateLimitExceeded",
                "Exceeded rate limits: too many api requests per user per method for this user_method."
                        + " For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas");
    }

    /** 403 {@code accessDenied}. */
    public static RestError accessDenied() {
        return new RestError(
                403, "accessDenied", "Access Denied: the caller does not have permission (LocalBigQuery fault).");
    }

    /** 404 {@code notFound}. */
    public static RestError notFound() {
        return new RestError(404, "notFound", "Not found: the resource was not found (LocalBigQuery fault).");
    }

    /** The {@code error.status} text Google APIs send with an HTTP status. */
    String statusText() {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
