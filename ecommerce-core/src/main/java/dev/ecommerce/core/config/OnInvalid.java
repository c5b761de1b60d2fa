package dev.ecommerce.core.config;

/** What validate does with rows that break their contract. */
public enum OnInvalid {
    /** Fail the build, naming the tables, the counts and the first violations (the default). */
    FAIL,
    /** Move invalid rows to {@code <table>__rejected} with their violations; valid rows stay. */
    QUARANTINE,
    /** Report, keep every row, and go on. */
    WARN;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "fail";

    /** Parses {@code <onInvalid>}; {@code null} means {@code fail}. */
    public static OnInvalid parse(String raw) {
        return Choices.parse(OnInvalid.class, raw == null || raw.isBlank() ? DEFAULT : raw, Setting.ON_INVALID.ref());
    }
}
