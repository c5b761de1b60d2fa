package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.util.regex.Pattern;

/**
 * A bucket and a key prefix, parsed from {@code s3://bucket/prefix}. The prefix has no empty segment and
 * no {@code .} or {@code ..}, so that no key built from it can climb out of it.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing slash; empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9!_.*'()=+-]+");

    /**
     * Parses {@code s3://bucket/prefix}.
     *
     * @param setting the pom element or variable the value came from, named in the error
     */
    public static S3Location parse(String uri, String setting) {
        if (uri == null || uri.isBlank()) {
            throw new ConfigurationException("Set " + setting + " to s3://<bucket>/<prefix> for the s3 destination.");
        }
        String value = uri.trim();
        if (!value.startsWith("s3://")) {
            throw invalid(setting, value, "it must start with s3://");
        }
        String rest = value.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw invalid(
                    setting, value, "'" + bucket + "' is not a bucket name (3-63 characters: a-z, 0-9, '.', '-')");
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw invalid(setting, value, "the prefix has an empty, '.' or '..' segment");
                }
                if (!SEGMENT.matcher(segment).matches()) {
                    throw invalid(
                            setting,
                            value,
                            "the prefix segment '" + segment + "' has characters other than"
                                    + " letters, digits and !_.*'()=+-");
                }
            }
        }
        return new S3Location(bucket, prefix);
    }

    private static ConfigurationException invalid(String setting, String value, String why) {
        return new ConfigurationException("Invalid " + setting + " '" + value + "': " + why
                + ". Use s3://<bucket>/<prefix>, e.g. s3://my-bucket/raw.");
    }

    /** The key of {@code name} under the prefix (and an optional folder below it). */
    public String key(String folder, String name) {
        StringBuilder key = new StringBuilder();
        for (String part : new String[] {prefix, folder, name}) {
            if (part != null && !part.isEmpty()) {
                key.append(key.length() == 0 ? "" : "/").append(part);
            }
        }
        return key.toString();
    }

    /** {@code s3://bucket/key}, for messages and the manifest. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri(prefix);
    }
}
