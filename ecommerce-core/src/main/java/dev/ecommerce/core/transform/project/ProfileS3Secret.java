package dev.ecommerce.core.transform.project;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@code secrets:} entry of type {@code s3} in {@code profiles.yml} (dbt-duckdb's DuckDB secret), as the
 * embedded engine uses it: to build the S3 client that stages the target's files. Unset values fall back to
 * the client the build tool configured (the sink's {@code ecommerce.s3.*} settings).
 *
 * @param region the AWS region, or null
 * @param endpoint a host (and port) of an S3-compatible store, or null for AWS
 * @param urlStyle {@code path} or {@code vhost}, or null
 * @param useSsl false for a plain-HTTP endpoint
 * @param keyId the access key id, or null (then the fallback's credentials, or the AWS credential chain)
 * @param secret the secret key, present exactly when {@code keyId} is
 */
public record ProfileS3Secret(
        String region, String endpoint, String urlStyle, boolean useSsl, Secret keyId, Secret secret) {

    private static final Set<String> KEYS =
            Set.of("type", "provider", "region", "endpoint", "url_style", "use_ssl", "key_id", "secret", "scope");

    /** Reads the {@code secrets:} list of an output; null when it has no s3 secret. */
    static ProfileS3Secret parse(Object secrets, String where, UnaryOperator<String> render) {
        ProfileS3Secret found = null;
        for (Object item : Yaml.list(secrets, where + " secrets")) {
            Map<String, Object> entry = Yaml.map(item, where + " secrets");
            String type = text(entry, "type", render);
            if (!"s3".equals(type)) {
                throw new ConfigurationException(where + " secrets: type '" + type + "' is not supported by the"
                        + " embedded engine (s3 only); run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
            }
            Yaml.onlyKeys(entry, KEYS, where + " secrets (s3)");
            String provider = text(entry, "provider", render);
            if (provider != null && !provider.equals("config") && !provider.equals("credential_chain")) {
                throw new ConfigurationException(where + " secrets: provider '" + provider + "' is not supported by"
                        + " the embedded engine (config, credential_chain).");
            }
            String keyId = text(entry, "key_id", render);
            String secret = text(entry, "secret", render);
            if ((keyId == null || keyId.isEmpty()) != (secret == null || secret.isEmpty())) {
                throw new ConfigurationException(where + " secrets: set both key_id and secret (from env_var),"
                        + " or neither for the AWS credential chain.");
            }
            String useSsl = text(entry, "use_ssl", render);
            String urlStyle = text(entry, "url_style", render);
            if (urlStyle != null && !List.of("path", "vhost").contains(urlStyle)) {
                throw new ConfigurationException(
                        where + " secrets: url_style must be path or vhost, not '" + urlStyle + "'.");
            }
            found = new ProfileS3Secret(
                    text(entry, "region", render),
                    text(entry, "endpoint", render),
                    urlStyle,
                    useSsl == null || Boolean.parseBoolean(useSsl),
                    keyId == null || keyId.isEmpty() ? null : Secret.of(keyId),
                    secret == null || secret.isEmpty() ? null : Secret.of(secret));
        }
        return found;
    }

    private static String text(Map<String, Object> entry, String key, UnaryOperator<String> render) {
        Object value = entry.get(key);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        String rendered = (text.contains("{") ? render.apply(text) : text).trim();
        return rendered.isEmpty() ? null : rendered;
    }

    /** The client: this secret's values over {@code fallback}'s (null: the AWS SDK's defaults). */
    public S3ClientSpec over(S3ClientSpec fallback) {
        S3ClientSpec base = fallback != null
                ? fallback
                : new S3ClientSpec(null, null, false, null, null, S3ClientSpec.DEFAULT_MAX_ATTEMPTS);
        return new S3ClientSpec(
                region != null ? region : base.region(),
                endpoint != null ? endpointUri() : base.endpoint(),
                urlStyle != null ? urlStyle.equals("path") : base.pathStyle(),
                base.checksumMode(),
                keyId != null ? AwsCredentialsSpec.accessKey(keyId, secret) : base.credentials(),
                base.maxAttempts());
    }

    private URI endpointUri() {
        String value = endpoint.contains("://") ? endpoint : (useSsl ? "https://" : "http://") + endpoint;
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(
                    "profiles.yml secrets: the endpoint '" + endpoint + "' is not a host name, e.g. 127.0.0.1:9000.");
        }
    }
}
