package dev.ecommerce.core.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code _manifest.json}, the commit marker of one S3 run: written after every object it lists, so a
 * reader that finds it can read those objects.
 */
public record S3ObjectManifest(int formatVersion, String runId, String publishedAt, List<Entry> objects) {

    public static final String NAME = "_manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One uploaded object. */
    public record Entry(String table, String format, String key, long bytes, String sha256, long rows) {}

    public static S3ObjectManifest of(String runId, List<Entry> objects) {
        return new S3ObjectManifest(1, runId, Instant.now().toString(), List.copyOf(objects));
    }

    public static S3ObjectManifest parse(byte[] json) {
        try {
            return JSON.readValue(json, S3ObjectManifest.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not an S3 run manifest: " + e.getMessage(), e);
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
