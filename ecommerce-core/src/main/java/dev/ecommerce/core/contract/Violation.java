package dev.ecommerce.core.contract;

import dev.ecommerce.core.schema.Table;

/**
 * One broken constraint on one row.
 *
 * @param table the table
 * @param rowKey the row's key ({@code id}, or {@code order_id} for orders); null when the key itself is
 *     null
 * @param property the contract's property (camelCase component name), or {@code ""} for a class-level
 *     constraint, as in Hibernate Validator's property path
 * @param constraint the constraint annotation's simple name, e.g. {@code NotNull}
 * @param message the message Hibernate Validator gives for this constraint
 * @param invalidValue the offending value as text (null when it is null); for a class-level constraint,
 *     the properties it reads as {@code name=value} pairs
 */
public record Violation(
        Table table, Long rowKey, String property, String constraint, String message, String invalidValue) {}
