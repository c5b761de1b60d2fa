package dev.ecommerce.core.transform.project;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How Python prints YAML values ({@code str()} and {@code repr()}), where dbt's names and hashes depend on it:
 * {@code True}, {@code None}, {@code 1.5}, {@code ['a', 'b']}, {@code {'k': 'v'}}.
 */
final class Python {

    private Python() {}

    /** Python's {@code str(value)} of a value read from YAML. */
    static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** Python's {@code repr(value)} of a value read from YAML. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return reprString(s);
        }
        if (value instanceof Double || value instanceof Float) {
            return reprFloat(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Python::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /**
     * {@code repr()} of dbt's hashable form of a value: maps with their keys sorted, lists kept, every other
     * value turned into its {@code str()}.
     */
    static String hashableRepr(Object value) {
        // one builder for the whole value: every generic test is hashed so (10,000 in a large project)
        StringBuilder out = new StringBuilder(128);
        hashableRepr(value, out);
        return out.toString();
    }

    private static void hashableRepr(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            String separator = "";
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                out.append(separator);
                reprString(entry.getKey(), out);
                out.append(": ");
                hashableRepr(entry.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                hashableRepr(item, out);
                separator = ", ";
            }
            out.append(']');
        } else {
            reprString(str(value), out);
        }
    }

    private static String reprString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        reprString(s, out);
        return out.toString();
    }

    private static void reprString(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(quote);
    }

    /** Python's float repr: the shortest digits, scientific below 1e-4 and from 1e16 on. */
    private static String reprFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (d == 0 || (abs >= 1e-4 && abs < 1e16)) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }
}
