package dev.ecommerce.core.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.schema.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a table looked like when the checks on whole tables last accepted it, kept in the warehouse (the
 * {@value Warehouse#TABLE_CHECKS_TABLE} table): the next validation compares its row count (volume) and its columns
 * (schema drift) with this.
 *
 * @param table the table
 * @param rows its row count
 * @param columns its columns in order, name to DuckDB type ({@code BIGINT}, {@code TIMESTAMP WITH TIME ZONE})
 * @param runId the run that recorded it
 */
public record TableBaseline(Table table, long rows, Map<String, String> columns, String runId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DDL = "CREATE TABLE IF NOT EXISTS " + Sql.identifier(Warehouse.TABLE_CHECKS_TABLE)
            + " (table_name VARCHAR PRIMARY KEY, row_count BIGINT, columns VARCHAR, run_id VARCHAR,"
            + " recorded_at TIMESTAMPTZ)";

    public TableBaseline {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Replaces the baselines of these tables, in one transaction of the caller's. */
    static void write(Statement statement, Collection<TableBaseline> baselines) throws SQLException {
        statement.execute(DDL);
        String state = Sql.identifier(Warehouse.TABLE_CHECKS_TABLE);
        try (PreparedStatement delete =
                        statement.getConnection().prepareStatement("DELETE FROM " + state + " WHERE table_name = ?");
                PreparedStatement insert = statement
                        .getConnection()
                        .prepareStatement("INSERT INTO " + state + " VALUES (?, ?, ?, ?, now())")) {
            for (TableBaseline baseline : baselines) {
                delete.setString(1, baseline.table().sqlName());
                delete.executeUpdate();
                insert.setString(1, baseline.table().sqlName());
                insert.setLong(2, baseline.rows());
                insert.setString(3, JSON.writeValueAsString(baseline.columns()));
                insert.setString(4, baseline.runId());
                insert.executeUpdate();
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot write the columns of a table baseline", e);
        }
    }

    /** Every table's baseline; empty when the checks never ran on this warehouse. */
    static Map<Table, TableBaseline> read(Statement statement) throws SQLException {
        Map<Table, TableBaseline> baselines = new EnumMap<>(Table.class);
        try (ResultSet exists =
                statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'"
                        + " AND table_name = " + Sql.literal(Warehouse.TABLE_CHECKS_TABLE))) {
            exists.next();
            if (exists.getLong(1) == 0) {
                return baselines;
            }
        }
        try (ResultSet rs = statement.executeQuery(
                "SELECT table_name, row_count, columns, run_id FROM " + Sql.identifier(Warehouse.TABLE_CHECKS_TABLE))) {
            while (rs.next()) {
                for (Table table : Table.values()) {
                    if (table.sqlName().equals(rs.getString(1))) {
                        baselines.put(
                                table,
                                new TableBaseline(
                                        table,
                                        rs.getLong(2),
                                        JSON.readValue(
                                                rs.getString(3), new TypeReference<LinkedHashMap<String, String>>() {}),
                                        rs.getString(4)));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("Cannot read the columns of a table baseline", e);
        }
        return baselines;
    }
}
