package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.ColumnType;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * One load into the warehouse: batches are bulk-appended (DuckDB Appender) into staging tables, and
 * {@link #commit()} swaps them in together. Closing without committing drops the staged rows and leaves
 * the warehouse as it was.
 */
public final class Load implements AutoCloseable {

    private final Warehouse warehouse;
    private final List<Table> tables;
    private final Map<Table, DuckDBAppender> appenders = new EnumMap<>(Table.class);
    private final Map<Table, Long> rows = new EnumMap<>(Table.class);
    private boolean committed;

    Load(Warehouse warehouse, Collection<Table> tables) {
        this.warehouse = warehouse;
        this.tables = List.copyOf(tables);
        this.tables.forEach(t -> rows.put(t, 0L));
    }

    /** Appends a batch to its table's staging table. */
    public void append(TableBatch batch) {
        Table table = batch.table();
        if (!rows.containsKey(table)) {
            throw new IllegalStateException(table.sqlName() + " is not part of this load");
        }
        try {
            DuckDBAppender appender = appenders.get(table);
            if (appender == null) {
                appender = warehouse.connection().createAppender("main", Warehouse.STAGING_PREFIX + table.sqlName());
                appenders.put(table, appender);
            }
            appendRows(appender, batch);
        } catch (SQLException e) {
            throw warehouse.failure("Cannot append to " + table.sqlName(), e);
        }
        rows.merge(table, (long) batch.size(), Long::sum);
    }

    private static void appendRows(DuckDBAppender appender, TableBatch batch) throws SQLException {
        List<ColumnType> types = batch.table().columns().stream().map(c -> c.type()).toList();
        int columns = types.size();
        ColumnType[] type = types.toArray(ColumnType[]::new);
        for (int row = 0; row < batch.size(); row++) {
            appender.beginRow();
            for (int c = 0; c < columns; c++) {
                if (batch.isNull(c, row)) {
                    appender.appendNull();
                    continue;
                }
                switch (type[c]) {
                    case BIGINT -> appender.append(batch.getLong(c, row));
                    case DOUBLE -> appender.append(batch.getDouble(c, row));
                    case VARCHAR -> appender.append(batch.getString(c, row));
                    case TIMESTAMPTZ -> appender.appendEpochMicros(batch.getLong(c, row));
                }
            }
            appender.endRow();
        }
    }

    /** Rows appended so far to a table. */
    public long rows(Table table) {
        return rows.getOrDefault(table, 0L);
    }

    /** Flushes every appender and swaps all staged tables in, in one transaction. */
    public void commit() {
        closeAppenders();
        warehouse.swapIn(tables);
        committed = true;
    }

    private void closeAppenders() {
        SQLException first = null;
        for (DuckDBAppender appender : appenders.values()) {
            try {
                appender.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        appenders.clear();
        if (first != null) {
            throw warehouse.failure("Cannot flush appended rows", first);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                closeAppenders();
            } finally {
                warehouse.dropLeftoverStaging();
            }
        }
    }
}
