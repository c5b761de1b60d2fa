package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;

/**
 * Where the S3 destination takes its credentials from: an access key (a settings.xml {@code <server>} or
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} from {@code .env}), else a named profile, else the
 * AWS SDK's default chain (environment, system properties, {@code AWS_PROFILE}, web identity, container and
 * instance roles).
 *
 * @param accessKeyId the access key id, or {@code null}
 * @param secretAccessKey the secret key, present exactly when {@code accessKeyId} is
 * @param profile a profile of {@code ~/.aws/credentials}, or {@code null}
 * @param sessionToken the session token of temporary keys ({@code AWS_SESSION_TOKEN}: SSO, OIDC in CI,
 *     assumed roles), or {@code null}
 */
public record AwsCredentialsSpec(Secret accessKeyId, Secret secretAccessKey, String profile, Secret sessionToken) {

    public AwsCredentialsSpec(Secret accessKeyId, Secret secretAccessKey, String profile) {
        this(accessKeyId, secretAccessKey, profile, null);
    }

    public AwsCredentialsSpec {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new ConfigurationException("An S3 access key needs both parts: set the <username> (access key id)"
                    + " and <password> (secret key) of the settings.xml server, or both AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY.");
        }
    }

    /** The SDK's default chain. */
    public static AwsCredentialsSpec defaultChain() {
        return new AwsCredentialsSpec(null, null, null);
    }

    /** A static access key. */
    public static AwsCredentialsSpec accessKey(Secret accessKeyId, Secret secretAccessKey) {
        return new AwsCredentialsSpec(accessKeyId, secretAccessKey, null, null);
    }

    /** A temporary access key with its session token ({@code null} for a long-term key). */
    public static AwsCredentialsSpec accessKey(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken) {
        return new AwsCredentialsSpec(accessKeyId, secretAccessKey, null, sessionToken);
    }
}
