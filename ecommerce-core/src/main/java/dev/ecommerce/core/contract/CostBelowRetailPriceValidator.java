package dev.ecommerce.core.contract;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validates {@link CostBelowRetailPrice} on a record. */
public final class CostBelowRetailPriceValidator implements ConstraintValidator<CostBelowRetailPrice, Record> {

    private CostBelowRetailPrice annotation;

    @Override
    public void initialize(CostBelowRetailPrice annotation) {
        this.annotation = annotation;
    }

    @Override
    public boolean isValid(Record row, ConstraintValidatorContext context) {
        if (row == null) {
            return true;
        }
        Double cost = (Double) Components.value(row, annotation.cost());
        Double retailPrice = (Double) Components.value(row, annotation.retailPrice());
        return cost == null || retailPrice == null || cost < retailPrice;
    }
}
