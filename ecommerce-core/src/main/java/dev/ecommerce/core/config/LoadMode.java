package dev.ecommerce.core.config;

/** How ingest loads a table. */
public enum LoadMode {
    /** Every row, replacing the table whole (the default). */
    FULL,
    /**
     * After a first full load, only the rows created since the last load's newest row minus a lookback window;
     * that window is replaced in the warehouse (deleted, then inserted as read), so rows that changed within it
     * are updated and rows that vanished from it are removed. Products and distribution centres are always
     * replaced whole.
     */
    INCREMENTAL;

    /** The default, as the build tool's parameter says it. */
    public static final String DEFAULT = "full";

    /** Parses {@code full} or {@code incremental}; blank is the default. */
    public static LoadMode parse(String raw) {
        return Choices.parse(LoadMode.class, raw == null || raw.isBlank() ? DEFAULT : raw, Setting.MODE.ref());
    }
}
