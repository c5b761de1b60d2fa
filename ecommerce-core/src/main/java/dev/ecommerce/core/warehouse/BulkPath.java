package dev.ecommerce.core.warehouse;

/** How rows reach DuckDB. */
public enum BulkPath {
    /** Arrow C stream, one DuckDB loader per table, in parallel; needs {@link #ARROW_JVM_FLAG}. */
    ARROW,
    /** DuckDB's row Appender on the loading thread; works in any JVM. */
    APPENDER;

    /** The JVM option Arrow needs (for example in {@code .mvn/jvm.config}). */
    public static final String ARROW_JVM_FLAG = ArrowSupport.JVM_FLAG;

    /** The fastest path this JVM can run. */
    public static BulkPath best() {
        return ArrowSupport.available() ? ARROW : APPENDER;
    }
}
