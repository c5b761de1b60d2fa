package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.schema.ColumnType;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's row Appender, on the loading thread. The fallback when Arrow cannot run in this JVM: it needs
 * no JVM flags but costs about 75 ns per value.
 */
final class AppenderTableWriter implements TableWriter {

    private final Warehouse warehouse;
    private final Table table;
    private final ColumnType[] types;
    private final DuckDBAppender appender;
    private long finishedNanos;

    AppenderTableWriter(Warehouse warehouse, DuckDBConnection connection, Table table) {
        this.warehouse = warehouse;
        this.table = table;
        this.types = table.columns().stream().map(c -> c.type()).toArray(ColumnType[]::new);
        try {
            this.appender = connection.createAppender("main", Warehouse.STAGING_PREFIX + table.sqlName());
        } catch (SQLException e) {
            throw warehouse.failure("Cannot append to " + table.sqlName(), e);
        }
    }

    @Override
    public void append(TableBatch batch) {
        try {
            for (int row = 0; row < batch.size(); row++) {
                appender.beginRow();
                for (int c = 0; c < types.length; c++) {
                    if (batch.isNull(c, row)) {
                        appender.appendNull();
                        continue;
                    }
                    switch (types[c]) {
                        case BIGINT -> appender.append(batch.getLong(c, row));
                        case DOUBLE -> appender.append(batch.getDouble(c, row));
                        case VARCHAR -> appender.append(batch.getString(c, row));
                        case TIMESTAMPTZ -> appender.appendEpochMicros(batch.getLong(c, row));
                    }
                }
                appender.endRow();
            }
        } catch (SQLException e) {
            throw warehouse.failure("Cannot append to " + table.sqlName(), e);
        }
    }

    @Override
    public void finish() {
        try {
            appender.close();
            finishedNanos = System.nanoTime();
        } catch (SQLException e) {
            throw warehouse.failure("Cannot flush rows of " + table.sqlName(), e);
        }
    }

    @Override
    public long finishedNanos() {
        return finishedNanos;
    }

    @Override
    public void abort() {
        try {
            appender.close();
        } catch (SQLException | RuntimeException ignored) {
            // the staging table is dropped anyway
        }
    }
}
