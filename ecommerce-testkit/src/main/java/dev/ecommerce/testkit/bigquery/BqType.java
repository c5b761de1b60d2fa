package dev.ecommerce.testkit.bigquery;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The BigQuery column types LocalBigQuery serves, with the DuckDB type that stores each, the name the REST
 * API's schemas use (BigQuery answers with the legacy names {@code INTEGER}, {@code FLOAT}, {@code BOOLEAN})
 * and the Arrow type the Storage Read API streams.
 */
enum BqType {
    INT64("INTEGER", "BIGINT", 8, new ArrowType.Int(64, true)),
    FLOAT64("FLOAT", "DOUBLE", 8, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    NUMERIC("NUMERIC", "DECIMAL(38,9)", 16, new ArrowType.Decimal(38, 9, 128)),
    BOOL("BOOLEAN", "BOOLEAN", 1, ArrowType.Bool.INSTANCE),
    STRING("STRING", "VARCHAR", -1, ArrowType.Utf8.INSTANCE),
    /** WKT text in DuckDB, in REST rows and in Arrow (with BigQuery's extension metadata). */
    GEOGRAPHY("GEOGRAPHY", "VARCHAR", -1, ArrowType.Utf8.INSTANCE),
    BYTES("BYTES", "BLOB", -1, ArrowType.Binary.INSTANCE),
    DATE("DATE", "DATE", 8, new ArrowType.Date(DateUnit.DAY)),
    DATETIME("DATETIME", "TIMESTAMP", 8, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
    TIME("TIME", "TIME", 8, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
    TIMESTAMP("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", 8, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));

    private final String restName;
    private final String duckType;
    private final int fixedWidth;
    private final ArrowType arrowType;

    BqType(String restName, String duckType, int fixedWidth, ArrowType arrowType) {
        this.restName = restName;
        this.duckType = duckType;
        this.fixedWidth = fixedWidth;
        this.arrowType = arrowType;
    }

    /** The type name in REST schemas. */
    String restName() {
        return restName;
    }

    /** The DuckDB type that holds the values. */
    String duckType() {
        return duckType;
    }

    /** Bytes per non-null value in BigQuery's size accounting, or -1 for 2 + the value's length. */
    int fixedWidth() {
        return fixedWidth;
    }

    ArrowType arrowType() {
        return arrowType;
    }

    /**
     * The BigQuery type for a DuckDB result column type (as {@code DESCRIBE} prints it). Integers of any width
     * are INT64, decimals NUMERIC, {@code TIMESTAMP} (no zone) DATETIME; anything without a BigQuery
     * counterpart (lists, structs, maps, intervals, UUIDs) is served as STRING.
     */
    static BqType fromDuck(String duckType) {
        String type = duckType.trim().toUpperCase(java.util.Locale.ROOT);
        if (type.startsWith("DECIMAL")) {
            return NUMERIC;
        }
        return switch (type) {
            case "BIGINT",
                    "INTEGER",
                    "SMALLINT",
                    "TINYINT",
                    "HUGEINT",
                    "UBIGINT",
                    "UINTEGER",
                    "USMALLINT",
                    "UTINYINT",
                    "UHUGEINT" -> INT64;
            case "DOUBLE", "FLOAT" -> FLOAT64;
            case "BOOLEAN" -> BOOL;
            case "VARCHAR" -> STRING;
            case "BLOB" -> BYTES;
            case "DATE" -> DATE;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> DATETIME;
            case "TIME" -> TIME;
            case "TIMESTAMP WITH TIME ZONE" -> TIMESTAMP;
            default -> STRING;
        };
    }
}
