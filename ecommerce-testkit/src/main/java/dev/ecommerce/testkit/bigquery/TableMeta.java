package dev.ecommerce.testkit.bigquery;

import java.util.List;

/**
 * A table LocalBigQuery serves: a thelook table or a query's anonymous result table.
 *
 * @param ref its BigQuery name
 * @param duckName its qualified DuckDB name, already quoted
 * @param fields its columns in table order
 * @param rows its row count (the data never changes)
 * @param columnBytes per column, the bytes BigQuery would count for it
 * @param orderBy the SQL that gives the table's stable row order
 * @param createdMillis when it appeared, epoch milliseconds
 */
record TableMeta(
        TableRef ref,
        String duckName,
        List<BqField> fields,
        long rows,
        List<Long> columnBytes,
        String orderBy,
        long createdMillis) {

    long totalBytes() {
        return columnBytes.stream().mapToLong(Long::longValue).sum();
    }

    /** The index of a column by name (BigQuery column names are case-insensitive), or -1. */
    int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
