package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses per-table increment declarations, {@code table: key=value, ...; table: ...}, e.g. {@code inventory_items:
 * lookbackDays=90; orders: cursor=created_at, window=created_at, key=order_id}. Keys: {@code cursor}, {@code window},
 * {@code key}, {@code lookbackDays}; what a table does not declare keeps thelook's default ({@link Increment#of}).
 */
public final class Increments {

    private static final List<String> KEYS = List.of("cursor", "window", "key", "lookbackDays");

    private Increments() {}

    /** The declarations by table; empty for blank text. */
    public static Map<Table, Increment> parse(String text) {
        Map<Table, Increment> increments = new EnumMap<>(Table.class);
        if (text == null || text.isBlank()) {
            return increments;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw invalid("'" + part.trim() + "' has no 'table:'");
            }
            Table table = Table.parseAll(List.of(part.substring(0, colon).trim()), Setting.INCREMENTS.ref())
                    .get(0);
            Increment base = increments.getOrDefault(table, Increment.of(table));
            if (base == null) {
                base = new Increment(null, null, table.key(), Duration.ZERO);
            }
            String cursor = base.cursorColumn();
            String window = base.windowColumn();
            String key = base.key();
            Duration lookback = base.lookback();
            for (String pair : part.substring(colon + 1).split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw invalid("'" + pair.trim() + "' is not key=value");
                }
                String value = kv[1].trim().toLowerCase(Locale.ROOT);
                switch (kv[0].trim()) {
                    case "cursor" -> cursor = value;
                    case "window" -> window = value;
                    case "key" -> key = value;
                    case "lookbackDays" -> lookback = Duration.ofDays(days(value));
                    default -> throw invalid("unknown key '" + kv[0].trim() + "' (valid: " + KEYS + ")");
                }
            }
            if (window == null && cursor != null) {
                window = cursor;
            }
            if (cursor == null && window != null) {
                cursor = window;
            }
            increments.put(
                    table, new Increment(cursor, window, key, lookback).checkedFor(table, Setting.INCREMENTS.ref()));
        }
        return increments;
    }

    private static long days(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("lookbackDays must be a whole number of days, not '" + value + "'");
        }
    }

    private static ConfigurationException invalid(String what) {
        return new ConfigurationException(Setting.INCREMENTS.ref() + ": " + what
                + ". Write it as 'table: cursor=column, window=column, key=column, lookbackDays=N; table: ...'.");
    }
}
