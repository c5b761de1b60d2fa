package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One block of work: the rows it hands on, with block-local ids (1, 2, ...) in the id columns listed in
 * {@link #LOCAL_IDS}, and how many rows of each table it made in the world ({@code worldRows}), handed on or
 * not: ids count every row of the world, so that they never change with the window or the date. {@link
 * #globalize} turns local ids into global ones once the rows of all earlier blocks are counted.
 */
record Block(Map<Table, TableBatch> batches, Map<Table, Long> worldRows) {

    /** A column holding a block-local id, and the table whose row count offsets it. */
    private record LocalId(Table table, int column, Table countedIn) {}

    private static final List<LocalId> LOCAL_IDS = List.of(
            new LocalId(Table.ORDERS, 0, Table.ORDERS),
            new LocalId(Table.ORDER_ITEMS, 0, Table.ORDER_ITEMS),
            new LocalId(Table.ORDER_ITEMS, 1, Table.ORDERS),
            new LocalId(Table.ORDER_ITEMS, 4, Table.INVENTORY_ITEMS),
            new LocalId(Table.INVENTORY_ITEMS, 0, Table.INVENTORY_ITEMS),
            new LocalId(Table.EVENTS, 0, Table.EVENTS));

    static Block of(Map<Table, Long> worldRows, TableBatch... batches) {
        Map<Table, TableBatch> map = new EnumMap<>(Table.class);
        for (TableBatch batch : batches) {
            map.put(batch.table(), batch);
        }
        return new Block(map, worldRows);
    }

    /** Shifts local ids by the rows counted so far, then counts this block's rows in. */
    void globalize(Map<Table, Long> rowsSoFar) {
        for (LocalId id : LOCAL_IDS) {
            TableBatch batch = batches.get(id.table());
            if (batch != null) {
                batch.shift(id.column(), rowsSoFar.getOrDefault(id.countedIn(), 0L));
            }
        }
        worldRows.forEach((table, rows) -> rowsSoFar.merge(table, rows, Long::sum));
    }
}
