package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses configured names of a closed set (an enum) with errors that list the valid names. */
final class Choices {

    private Choices() {}

    /** An enum whose configured name is not its constant's name in lower case. */
    interface Named {
        String configName();
    }

    static String nameOf(Enum<?> value) {
        return value instanceof Named named ? named.configName() : value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String raw, String setting) {
        for (E value : type.getEnumConstants()) {
            if (nameOf(value).equalsIgnoreCase(raw.trim())) {
                return value;
            }
        }
        throw new ConfigurationException(
                "Unknown value '" + raw.trim() + "' for " + setting + ". Valid values: " + valid(type) + ".");
    }

    /** Parses a list whose items may themselves be comma-separated; keeps order, drops duplicates. */
    static <E extends Enum<E>> Set<E> parseAll(Class<E> type, List<String> raw, String setting) {
        Set<E> values = new LinkedHashSet<>();
        List<String> items = new ArrayList<>();
        for (String entry : raw) {
            items.addAll(Arrays.asList(entry.split(",")));
        }
        for (String item : items) {
            if (!item.isBlank()) {
                values.add(parse(type, item, setting));
            }
        }
        if (values.isEmpty()) {
            throw new ConfigurationException(setting + " is empty. Valid values: " + valid(type) + ".");
        }
        return values;
    }

    static <E extends Enum<E>> String valid(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::nameOf).collect(Collectors.joining(", "));
    }
}
