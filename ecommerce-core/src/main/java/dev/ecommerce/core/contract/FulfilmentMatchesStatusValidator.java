package dev.ecommerce.core.contract;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validates {@link FulfilmentMatchesStatus} on a record. */
public final class FulfilmentMatchesStatusValidator implements ConstraintValidator<FulfilmentMatchesStatus, Record> {

    private FulfilmentMatchesStatus annotation;

    @Override
    public void initialize(FulfilmentMatchesStatus annotation) {
        this.annotation = annotation;
    }

    @Override
    public boolean isValid(Record row, ConstraintValidatorContext context) {
        if (row == null) {
            return true;
        }
        Object status = Components.value(row, annotation.status());
        Fulfilment rule = status == null ? null : Fulfilment.of(status.toString());
        return rule == null
                || rule.matches(
                        Components.value(row, annotation.shippedAt()),
                        Components.value(row, annotation.deliveredAt()),
                        Components.value(row, annotation.returnedAt()));
    }
}
