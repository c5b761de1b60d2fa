package dev.ecommerce.core.s3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code _manifest.json}, the commit marker of one S3 run: written after every object it lists, so a
 * reader that finds it can read those objects.
 *
 * @param layout {@code monthly} for the partitioned layout, whose manifest lists every partition object of its
 *     tables (those this run uploaded and those it kept); absent for the flat layout
 */
public record S3ObjectManifest(
        int formatVersion,
        String runId,
        String publishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String layout,
        List<Entry> objects) {

    public static final String NAME = "_manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One object.
     *
     * @param partition the creation month ({@code YYYY-MM}) of a partition object, {@code none} for the rows without
     *     one; absent for a whole table
     * @param digest of the rows in the object (count and row hashes, with the columns and format), monthly layout
     *     only: a later run keeps the object while its rows' digest is the same
     */
    public record Entry(
            String table,
            String format,
            String key,
            long bytes,
            String sha256,
            long rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) String partition,
            @JsonInclude(JsonInclude.Include.NON_NULL) String digest) {

        /** An object of the flat layout: one whole table. */
        public Entry(String table, String format, String key, long bytes, String sha256, long rows) {
            this(table, format, key, bytes, sha256, rows, null, null);
        }
    }

    /** The manifest of a flat run. */
    public static S3ObjectManifest of(String runId, List<Entry> objects) {
        return of(runId, null, objects);
    }

    /** The manifest of a run in {@code layout} (null for the flat layout). */
    public static S3ObjectManifest of(String runId, String layout, List<Entry> objects) {
        return new S3ObjectManifest(1, runId, Instant.now().toString(), layout, List.copyOf(objects));
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
