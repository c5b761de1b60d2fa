package dev.ecommerce.testkit.bigquery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The serialized responses of completely read Storage Read streams, so that reading the same rows again
 * costs the server only the sending, as it costs the client's machine nothing with the real BigQuery: a
 * benchmark then measures the client. A stream is cached only when it was read whole from offset 0;
 * a later read is served from the cache when it starts on a response boundary and is not cut short by
 * an injected fault, else from DuckDB as before. Least recently used entries go first once the byte budget
 * is spent; a budget of 0 turns the cache off.
 */
final class StreamCache {

    private record Entry(List<ReadApi.Chunk> chunks, long bytes) {}

    private final long budget;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    StreamCache(long budget) {
        this.budget = budget;
    }

    static String key(String table, List<BqField> fields, String predicate, long start, long length, int batchRows) {
        return table
                + '|'
                + fields.stream().map(BqField::name).toList()
                + '|'
                + predicate
                + '|'
                + start
                + '|'
                + length
                + '|'
                + batchRows;
    }

    /** The cached responses from row {@code offset} on, when the stream is cached and a response starts there. */
    synchronized Optional<List<ReadApi.Chunk>> from(String key, long offset) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long row = 0;
        for (int i = 0; i < entry.chunks().size(); i++) {
            if (row == offset) {
                return Optional.of(
                        new ArrayList<>(entry.chunks().subList(i, entry.chunks().size())));
            }
            row += entry.chunks().get(i).rows();
        }
        return Optional.empty();
    }

    synchronized void put(String key, List<ReadApi.Chunk> chunks) {
        long size = chunks.stream().mapToLong(c -> c.bytes().size()).sum();
        if (size > budget || entries.containsKey(key)) {
            return;
        }
        var eldest = entries.entrySet().iterator();
        while (bytes + size > budget && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
        entries.put(key, new Entry(List.copyOf(chunks), size));
        bytes += size;
    }

    /** Forgets every stream: the data they were read from is gone. */
    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** Bytes held. */
    synchronized long bytes() {
        return bytes;
    }
}
