package dev.ecommerce.core.config;

/** How the s3 destination lays out a table's objects under the prefix. */
public enum S3Layout {
    /** One object per table and format, {@code <prefix>/<table>.<format>}, replaced whole by every run. */
    FLAT,
    /**
     * One object per table, format and creation month, {@code <prefix>/<table>/created_month=YYYY-MM/...}; a run
     * uploads only the months whose rows changed and keeps the other objects as they are.
     */
    MONTHLY;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "flat";

    /** Parses {@code flat} / {@code monthly}; {@code null} is {@link #FLAT}. */
    public static S3Layout parse(String raw, String setting) {
        return Choices.parse(S3Layout.class, raw == null || raw.isBlank() ? DEFAULT : raw, setting);
    }
}
