package dev.ecommerce.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The secret parts of a Google service-account key (its JSON): {@code private_key_id}, {@code private_key} and
 * each line of the key's body, so that a redactor masks them even where a message quotes part of the file
 * (the JSON escapes the key's line breaks, so only single lines are found verbatim).
 */
public final class ServiceAccountKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceAccountKeys() {}

    /** The secret values of a key file; none when it is missing or not a key (the client reports that). */
    public static List<String> secretsOf(Path file) {
        try {
            return Files.isRegularFile(file) ? secretsOf(Files.readString(file)) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The secret values of a key's JSON; none when it is not JSON (the client reports that). */
    public static List<String> secretsOf(String json) {
        JsonNode key;
        try {
            key = JSON.readTree(json);
        } catch (IOException e) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>();
        if (key == null || !key.isObject()) {
            return secrets;
        }
        String id = key.path("private_key_id").asText("");
        if (!id.isBlank()) {
            secrets.add(id);
        }
        String pem = key.path("private_key").asText("");
        if (!pem.isBlank()) {
            secrets.add(pem);
            pem.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("-----"))
                    .forEach(secrets::add);
        }
        return secrets;
    }
}
