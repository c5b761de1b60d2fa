package dev.ecommerce.core.source;

import dev.ecommerce.core.schema.Table;
import java.util.Map;

/** Bytes a source expects to bill per table, from its dry runs. */
public record CostEstimate(Map<Table, Long> bytes) {

    public CostEstimate {
        bytes = Map.copyOf(bytes);
    }

    public long total() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }
}
