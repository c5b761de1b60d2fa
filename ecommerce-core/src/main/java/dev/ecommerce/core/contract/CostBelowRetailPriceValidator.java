package dev.ecommerce.core.contract;

/** Validates {@link CostBelowRetailPrice} on a record. */
public final class CostBelowRetailPriceValidator extends RowConstraintValidator<CostBelowRetailPrice> {

    @Override
    boolean isValidRow(Record row) {
        Double cost = (Double) Components.value(row, annotation.cost());
        Double retailPrice = (Double) Components.value(row, annotation.retailPrice());
        return cost == null || retailPrice == null || cost < retailPrice;
    }
}
