package dev.ecommerce.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecommerce.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/** YAML (or JSON) text into plain maps, with errors that name where the text came from. */
public final class YamlText {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlText() {}

    /** Parses a YAML (or JSON) mapping from text; blank text is an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseMap(String text, String shownAs) {
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object value = YAML.readValue(text, Object.class);
            if (value == null) {
                return new LinkedHashMap<>();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new ConfigurationException(shownAs + " must be a YAML mapping (key: value).");
            }
            return (Map<String, Object>) map;
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(
                    shownAs + " is not valid YAML: " + e.getOriginalMessage() + locationOf(e) + ".", e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
