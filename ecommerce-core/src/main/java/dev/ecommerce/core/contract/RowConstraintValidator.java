package dev.ecommerce.core.contract;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;

/**
 * A class-level constraint on a row record: the annotation names the components it compares. A null row is
 * valid, as Bean Validation wants; {@link #isValidRow} sees the rest.
 */
abstract class RowConstraintValidator<A extends Annotation> implements ConstraintValidator<A, Record> {

    A annotation;

    @Override
    public void initialize(A annotation) {
        this.annotation = annotation;
    }

    @Override
    public boolean isValid(Record row, ConstraintValidatorContext context) {
        return row == null || isValidRow(row);
    }

    abstract boolean isValidRow(Record row);
}
