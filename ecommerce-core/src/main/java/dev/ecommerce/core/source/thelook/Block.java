package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one block of work produced, with block-local ids (1, 2, ...) in the id columns listed in
 * {@link #LOCAL_IDS}. {@link #globalize} turns them into global ids once the rows of all earlier blocks
 * are counted.
 */
record Block(Map<Table, TableBatch> batches) {

    /** A column holding a block-local id, and the table whose row count offsets it. */
    private record LocalId(Table table, int column, Table countedIn) {}

    private static final List<LocalId> LOCAL_IDS = List.of(
            new LocalId(Table.ORDERS, 0, Table.ORDERS),
            new LocalId(Table.ORDER_ITEMS, 0, Table.ORDER_ITEMS),
            new LocalId(Table.ORDER_ITEMS, 1, Table.ORDERS),
            new LocalId(Table.ORDER_ITEMS, 4, Table.INVENTORY_ITEMS),
            new LocalId(Table.INVENTORY_ITEMS, 0, Table.INVENTORY_ITEMS),
            new LocalId(Table.EVENTS, 0, Table.EVENTS));

    Block(TableBatch... batches) {
        this(toMap(batches));
    }

    private static Map<Table, TableBatch> toMap(TableBatch... batches) {
        Map<Table, TableBatch> map = new EnumMap<>(Table.class);
        for (TableBatch batch : batches) {
            map.put(batch.table(), batch);
        }
        return map;
    }

    /** Shifts local ids by the rows counted so far, then counts this block's rows in. */
    void globalize(Map<Table, Long> rowsSoFar) {
        for (LocalId id : LOCAL_IDS) {
            TableBatch batch = batches.get(id.table());
            if (batch != null) {
                batch.shift(id.column(), rowsSoFar.getOrDefault(id.countedIn(), 0L));
            }
        }
        batches.forEach((table, batch) -> rowsSoFar.merge(table, (long) batch.size(), Long::sum));
    }
}
