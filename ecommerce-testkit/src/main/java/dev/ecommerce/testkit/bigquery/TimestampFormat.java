package dev.ecommerce.testkit.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * How REST rows carry TIMESTAMP values. BigQuery's default, and what google-cloud-bigquery parses unless told
 * otherwise, is seconds since the epoch as a floating-point string in scientific notation
 * ({@code "1.704067200123456E9"}); the client turns it back into microseconds with {@code BigDecimal}, so
 * every microsecond survives. {@code formatOptions.useInt64Timestamp=true} (or
 * {@code timestampOutputFormat=INT64}) asks for integer microseconds, {@code ISO8601_STRING} for ISO text.
 */
enum TimestampFormat {
    FLOAT_SECONDS,
    INT64_MICROS,
    ISO8601;

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** From a request body's {@code formatOptions} object (may be missing). */
    static TimestampFormat of(JsonNode formatOptions) {
        if (formatOptions == null || formatOptions.isMissingNode() || formatOptions.isNull()) {
            return FLOAT_SECONDS;
        }
        return of(
                formatOptions.path("useInt64Timestamp").asBoolean(false),
                formatOptions.path("timestampOutputFormat").asText(""));
    }

    /** From query parameters {@code formatOptions.useInt64Timestamp} and {@code formatOptions.timestampOutputFormat}. */
    static TimestampFormat of(Map<String, String> parameters) {
        return of(
                Boolean.parseBoolean(parameters.getOrDefault("formatOptions.useInt64Timestamp", "false")),
                parameters.getOrDefault("formatOptions.timestampOutputFormat", ""));
    }

    private static TimestampFormat of(boolean useInt64, String outputFormat) {
        if (useInt64 || outputFormat.equals("INT64")) {
            return INT64_MICROS;
        }
        return outputFormat.equals("ISO8601_STRING") ? ISO8601 : FLOAT_SECONDS;
    }

    /** The value for epoch microseconds. */
    String format(long micros) {
        return switch (this) {
            case INT64_MICROS -> Long.toString(micros);
            case ISO8601 -> ISO.format(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
            case FLOAT_SECONDS -> floatSeconds(micros);
        };
    }

    /** {@code 1704067200123456} becomes {@code "1.704067200123456E9"}, {@code 1704067200000000} {@code "1.7040672E9"}. */
    static String floatSeconds(long micros) {
        if (micros == 0) {
            return "0.0";
        }
        BigDecimal seconds = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        String digits = seconds.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - seconds.scale();
        String mantissa = digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
        return (micros < 0 ? "-" : "") + mantissa + "E" + exponent;
    }
}
