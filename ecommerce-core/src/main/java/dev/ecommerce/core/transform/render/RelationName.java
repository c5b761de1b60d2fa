package dev.ecommerce.core.transform.render;

import dev.ecommerce.core.warehouse.Sql;

/** A relation's schema and name; {@link #sql()} is how SQL names it. */
public record RelationName(String schema, String identifier) {

    public String sql() {
        return Sql.identifier(schema) + "." + Sql.identifier(identifier);
    }
}
