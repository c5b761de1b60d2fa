package dev.ecommerce.core.schema;

/** One column of a thelook table: its name (a safe identifier) and DuckDB type. */
public record Column(String name, ColumnType type) {}
