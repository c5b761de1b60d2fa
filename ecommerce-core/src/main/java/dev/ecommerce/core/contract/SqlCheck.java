package dev.ecommerce.core.contract;

import java.util.List;

/**
 * One constraint translated to SQL.
 *
 * @param property the property, or {@code ""} for a class-level constraint
 * @param constraint the annotation's simple name
 * @param message the interpolated message, as Hibernate Validator gives it
 * @param violation a DuckDB boolean expression that is TRUE exactly on the rows that break the
 *     constraint (NULL or FALSE otherwise)
 * @param properties the properties the expression reads
 */
public record SqlCheck(String property, String constraint, String message, String violation, List<String> properties) {

    public SqlCheck {
        properties = List.copyOf(properties);
    }
}
