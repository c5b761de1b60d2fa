package dev.ecommerce.core.contract;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

/** Validates {@link TimestampsInOrder} on a record. */
public final class TimestampsInOrderValidator implements ConstraintValidator<TimestampsInOrder, Record> {

    private String[] components = new String[0];

    @Override
    public void initialize(TimestampsInOrder annotation) {
        components = annotation.value();
    }

    @Override
    public boolean isValid(Record row, ConstraintValidatorContext context) {
        if (row == null) {
            return true;
        }
        Instant[] values = new Instant[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = (Instant) Components.value(row, components[i]);
        }
        for (int i = 0; i < values.length; i++) {
            for (int j = i + 1; j < values.length; j++) {
                if (values[i] != null && values[j] != null && values[i].isAfter(values[j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
