package dev.ecommerce.core.config;

/**
 * When the AWS SDK computes and checks request and response checksums. AWS S3 supports both; many
 * S3-compatible stores (older MinIO, Ceph, R2, S3Proxy 2.x) reject the SDK's default checksums and need
 * {@link #WHEN_REQUIRED}.
 */
public enum S3ChecksumMode {
    /** The SDK's default: checksums on every request that supports them. */
    WHEN_SUPPORTED,
    /** Checksums only where the S3 API requires them. */
    WHEN_REQUIRED;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "when_supported";

    /** Parses {@code when_supported} / {@code when_required}; {@code null} is {@link #WHEN_SUPPORTED}. */
    public static S3ChecksumMode parse(String raw, String setting) {
        return Choices.parse(S3ChecksumMode.class, raw == null || raw.isBlank() ? DEFAULT : raw, setting);
    }
}
