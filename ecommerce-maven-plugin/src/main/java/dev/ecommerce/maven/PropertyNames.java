package dev.ecommerce.maven;

/** Every user property of the plugin, in one place. All start with {@code ecommerce.}. */
public final class PropertyNames {

    public static final String SKIP = "ecommerce.skip";
    public static final String INGEST_SKIP = "ecommerce.ingest.skip";
    public static final String SINK_SKIP = "ecommerce.sink.skip";
    public static final String WORK_DIRECTORY = "ecommerce.workDirectory";
    public static final String WAREHOUSE = "ecommerce.warehouse";
    public static final String TABLES = "ecommerce.tables";
    public static final String SOURCE = "ecommerce.source";
    public static final String SEED = "ecommerce.seed";
    public static final String SCALE = "ecommerce.scale";
    public static final String ANCHOR_DATE = "ecommerce.anchorDate";
    public static final String THREADS = "ecommerce.threads";
    public static final String DESTINATIONS = "ecommerce.destinations";
    public static final String OUTPUT_DIRECTORY = "ecommerce.outputDirectory";
    public static final String FORMATS = "ecommerce.formats";

    private PropertyNames() {}
}
