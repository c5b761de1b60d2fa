package dev.ecommerce.core.s3;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.Setting;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns AWS SDK failures into what the user can fix (configuration) and what went wrong underneath. */
final class S3Errors {

    private static final Set<String> CREDENTIAL_CODES =
            Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "ExpiredToken", "InvalidToken");

    static final String CHECKSUM_HINT = "if the store rejects the AWS SDK's checksums (S3-compatible stores often"
            + " do), set " + Setting.S3_CHECKSUM_MODE.set("when_required");

    private S3Errors() {}

    /** The bucket does not exist: {@code said} is what failed and how. */
    static ConfigurationException missingBucket(String said, Throwable cause) {
        return new ConfigurationException(
                said + ". Create the bucket, or fix the location: " + Setting.S3_PATH.ref() + " for the sink,"
                        + " TRANSFORM_S3_PATH_INPUT/OUTPUT (the dbt profile's external_root, a source's"
                        + " meta.external_location) for the transform.",
                cause);
    }

    /**
     * @param what what was being done, e.g. {@code Cannot upload s3://bucket/key}
     */
    static EcommerceException translate(String what, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof EcommerceException e) {
            return e;
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null
                    ? ""
                    : String.valueOf(service.awsErrorDetails().errorCode());
            String detail = service.awsErrorDetails() == null
                    ? message
                    : service.awsErrorDetails().errorMessage();
            String said = "S3 answered " + service.statusCode() + " " + code + " (" + detail + ")";
            if (mentionsChecksum(code + " " + detail)) {
                return new ConfigurationException(what + ": " + said + "; " + CHECKSUM_HINT + ".", cause);
            }
            if (CREDENTIAL_CODES.contains(code) || service.statusCode() == 403) {
                return new ConfigurationException(
                        what + ": " + said + ". Check the credentials: the settings.xml"
                                + " server of " + Setting.S3_SERVER_ID.ref() + ", AWS_ACCESS_KEY_ID /"
                                + " AWS_SECRET_ACCESS_KEY or AWS_PROFILE, and that they may write to the bucket.",
                        cause);
            }
            if ("NoSuchBucket".equals(code)) {
                return missingBucket(what + ": " + said, cause);
            }
            return new InfrastructureException(what + ": " + said, cause);
        }
        if (cause instanceof SdkClientException) {
            if (message.contains("Unable to load credentials")) {
                return new ConfigurationException(
                        what + ": no AWS credentials found. Add a settings.xml <server>"
                                + " (id from " + Setting.S3_SERVER_ID.ref()
                                + ") with the access key id as <username> and"
                                + " the secret key as <password>, or set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or"
                                + " AWS_PROFILE.",
                        cause);
            }
            if (mentionsChecksum(message)) {
                return new ConfigurationException(what + ": " + message + "; " + CHECKSUM_HINT + ".", cause);
            }
        }
        if (hasCause(cause, UnknownHostException.class)) {
            return new ConfigurationException(
                    what + ": unknown host (" + message + "). Check " + Setting.S3_ENDPOINT.ref() + ", or set "
                            + Setting.S3_PATH_STYLE.set(true)
                            + " for stores that do not serve bucket names as host names.",
                    cause);
        }
        return new InfrastructureException(what + ": " + message, cause);
    }

    private static boolean mentionsChecksum(String text) {
        return text.toLowerCase(Locale.ROOT).contains("checksum");
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
