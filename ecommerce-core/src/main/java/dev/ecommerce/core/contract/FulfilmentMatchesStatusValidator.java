package dev.ecommerce.core.contract;

/** Validates {@link FulfilmentMatchesStatus} on a record. */
public final class FulfilmentMatchesStatusValidator extends RowConstraintValidator<FulfilmentMatchesStatus> {

    @Override
    boolean isValidRow(Record row) {
        Object status = Components.value(row, annotation.status());
        Fulfilment rule = status == null ? null : Fulfilment.of(status.toString());
        return rule == null
                || rule.matches(
                        Components.value(row, annotation.shippedAt()),
                        Components.value(row, annotation.deliveredAt()),
                        Components.value(row, annotation.returnedAt()));
    }
}
