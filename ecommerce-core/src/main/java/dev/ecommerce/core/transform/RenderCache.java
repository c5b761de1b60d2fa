package dev.ecommerce.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.io.Json;
import dev.ecommerce.core.transform.render.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's partial parsing, as dbt's {@code partial_parse.msgpack} is dbt's: each model's render
 * (its SQL after Jinja, the refs, sources and {@code config()} it called) kept in
 * {@code <target-path>/embedded_render_cache.json} and reused while nothing it depends on changed.
 *
 * <p>What a render depends on: the model's file and its configs from folders and schema files (its entry's
 * key), and, for every model at once, the engine, the project's macros, dbt_project.yml, the sources, the
 * effective vars, the target and {@code --full-refresh} (the cache's key). A model whose Jinja read an
 * environment variable is never kept: its SQL may hold the value (a secret, say), which must not land in a
 * file. Any difference renders the model again. A cache that cannot be read is ignored; one that cannot be
 * written is a debug line.
 */
final class RenderCache {

    private static final Logger LOG = LoggerFactory.getLogger(RenderCache.class);
    private static final ObjectMapper JSON =
            Json.mapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    /** Bumped when what a render means changes (2: packages, return, dispatch, run-time renders, Jinja fixes). */
    private static final int FORMAT = 2;

    static final String FILE = "embedded_render_cache.json";

    /** A model's render as cached. */
    record Entry(String rendered, Set<String> refs, Set<String> sources, Map<String, Object> config) {}

    private final Path file;
    private final String key;
    private final Map<String, JsonNode> previous;
    /** This run's entries by model file: a previous entry's JSON, or a {@link Fresh} render. */
    private final Map<String, Object> current = new LinkedHashMap<>();

    private final boolean off;
    private int hits;
    private boolean changed;

    private RenderCache(Path file, String key, Map<String, JsonNode> previous, boolean off) {
        this.off = off;
        this.file = file;
        this.key = key;
        this.previous = previous;
        this.changed = previous.isEmpty();
    }

    /**
     * The cache of {@code targetDirectory} for a run whose renders depend on {@code inputs} (every value the
     * renders of all models share, in a fixed order), or an empty one when its key differs.
     */
    static RenderCache open(Path targetDirectory, List<Object> inputs, Map<String, String> macroFiles) {
        boolean off = macroFiles.values().stream().anyMatch(Renderer::isVolatile);
        Path file = targetDirectory.resolve(FILE);
        String key = hash(List.of(FORMAT, PartialParse.engineVersion(), inputs));
        Map<String, JsonNode> previous = new LinkedHashMap<>();
        if (!off && Files.isRegularFile(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                if (key.equals(root.path("key").asText())) {
                    root.path("models").fields().forEachRemaining(e -> previous.put(e.getKey(), e.getValue()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("The render cache {} cannot be read ({}); every model is rendered", file, e.toString());
            }
        }
        return new RenderCache(file, key, previous, off);
    }

    /**
     * The cached render of the model in {@code modelFile} when its text and configs are as when it was cached;
     * null otherwise (its key is computed only when there is an entry to compare).
     */
    Entry lookup(String modelFile, String sql, Object configs) {
        JsonNode entry = previous.get(modelFile);
        if (entry == null
                || !entryKey(modelFile, sql, configs).equals(entry.path("key").asText())) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = JSON.convertValue(entry.path("config"), Map.class);
        return new Entry(
                entry.path("rendered").asText(), strings(entry.path("refs")), strings(entry.path("sources")), config);
    }

    /**
     * A model's render is not made again: a {@link #lookup} hit, or a model planned as the kept parse planned it.
     * Its cached render, if any, is kept for the next run.
     */
    void used(String modelFile) {
        JsonNode entry = previous.get(modelFile);
        if (entry != null) {
            current.put(modelFile, entry);
        }
        hits++;
    }

    /** A fresh render to keep: its key and JSON are made when the cache is saved (beside the run). */
    private record Fresh(String modelFile, String sql, Object configs, Entry entry) {}

    /**
     * Keeps a model's fresh render, unless it depends on more than the cache's keys: it read the environment
     * (directly, or through a naming macro behind {@code this}) or uses a {@link Renderer#isVolatile volatile} function.
     */
    void put(String modelFile, String sql, Object configs, Entry entry, boolean readEnvironment) {
        changed = true;
        if (off || readEnvironment || Renderer.isVolatile(sql)) {
            return;
        }
        current.put(modelFile, new Fresh(modelFile, sql, configs, entry));
    }

    private static ObjectNode json(Fresh fresh) {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", entryKey(fresh.modelFile(), fresh.sql(), fresh.configs()));
        node.put("rendered", fresh.entry().rendered());
        node.set("refs", JSON.valueToTree(fresh.entry().refs()));
        node.set("sources", JSON.valueToTree(fresh.entry().sources()));
        node.set("config", JSON.valueToTree(plain(fresh.entry().config())));
        return node;
    }

    /** Whether its macros use a volatile function: renders are not kept then. */
    boolean off() {
        return off;
    }

    int hits() {
        return hits;
    }

    /** Writes the renders of this run (and only those: deleted models drop out), when anything changed. */
    void save() {
        if (off || (!changed && current.size() == previous.size())) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("key", key);
        ObjectNode models = root.putObject("models");
        current.forEach((modelFile, entry) ->
                models.set(modelFile, entry instanceof Fresh fresh ? json(fresh) : (JsonNode) entry));
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(
                    file, UUID.randomUUID().toString(), temporary -> JSON.writeValue(temporary.toFile(), root));
        } catch (IOException | RuntimeException e) {
            LOG.debug("The render cache {} cannot be written: {}", file, e.toString());
        }
    }

    /** The key of a model's entry: its file, its text and the configs it gets from folders and schema files. */
    static String entryKey(String modelFile, String sql, Object configs) {
        return hash(modelFile + '\u0000' + sql + '\u0000' + configs); // a string is hashed as is, no JSON
    }

    /** Config values as plain JSON-able values (Jinja's lists and maps become Java's). */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), plain(v)));
            return result;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(plain(v)));
            return result;
        }
        return value == null || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> result = new LinkedHashSet<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    static String hash(Object value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = value instanceof String text
                    ? text.getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(plain(value));
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
