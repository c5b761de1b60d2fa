package dev.ecommerce.core.schema;

/** The four DuckDB types every thelook column maps to, whatever the source. */
public enum ColumnType {
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    VARCHAR("VARCHAR"),
    /** UTC instants, stored as TIMESTAMP WITH TIME ZONE; carried as epoch microseconds. */
    TIMESTAMPTZ("TIMESTAMP WITH TIME ZONE");

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    /** The DuckDB type name. */
    public String sql() {
        return sql;
    }
}
