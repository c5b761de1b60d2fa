package dev.ecommerce.core.transform.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.io.YamlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads dbt's YAML files into plain maps and lists, with errors that name the file and the entry. */
public final class Yaml {

    private Yaml() {}

    /** A YAML (or JSON) mapping; an empty file is an empty map. */
    public static Map<String, Object> readMap(Path file, String shownAs) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file, e);
        }
        return YamlText.parseMap(text, shownAs);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigurationException(where + " must be a mapping (key: value), not '" + value + "'.");
        }
        return (Map<String, Object>) m;
    }

    public static List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new ConfigurationException(where + " must be a list, not '" + value + "'.");
    }

    /** A list of strings, also accepting one string. */
    public static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        return list(value, where).stream().map(String::valueOf).toList();
    }

    public static String string(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new ConfigurationException(where + " has no '" + key + "'.");
        }
        return String.valueOf(value);
    }

    /** Fails on a key outside {@code allowed}, naming it and the allowed keys. */
    public static void onlyKeys(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigurationException(where + ": '" + key
                        + "' is not supported by the embedded engine (supported: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + "). Remove it, or run with"
                        + " " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");
            }
        }
    }

    /** JSON text of a value (for dbt's --vars and the artifacts). */
    public static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
