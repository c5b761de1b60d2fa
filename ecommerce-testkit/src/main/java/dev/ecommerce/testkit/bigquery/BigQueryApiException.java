package dev.ecommerce.testkit.bigquery;

/** A request LocalBigQuery refuses, carrying the error BigQuery would send. */
final class BigQueryApiException extends RuntimeException {

    private final RestError error;

    BigQueryApiException(RestError error) {
        super(error.message());
        this.error = error;
    }

    BigQueryApiException(RestError error, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
    }

    RestError error() {
        return error;
    }

    static BigQueryApiException invalidQuery(String message) {
        return new BigQueryApiException(new RestError(400, "invalidQuery", message));
    }

    static BigQueryApiException invalid(String message) {
        return new BigQueryApiException(new RestError(400, "invalid", message));
    }

    static BigQueryApiException notFound(String message) {
        return new BigQueryApiException(new RestError(404, "notFound", message));
    }
}
