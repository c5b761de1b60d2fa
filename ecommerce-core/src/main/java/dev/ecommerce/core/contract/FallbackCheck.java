package dev.ecommerce.core.contract;

import jakarta.validation.metadata.ConstraintDescriptor;

/**
 * A constraint with no SQL translation, checked row by row by Hibernate Validator.
 *
 * @param property the property, or {@code ""} for a class-level constraint
 * @param constraint the annotation's simple name
 * @param reason why it has no SQL translation
 * @param descriptor Hibernate Validator's descriptor of the constraint
 */
public record FallbackCheck(String property, String constraint, String reason, ConstraintDescriptor<?> descriptor) {}
