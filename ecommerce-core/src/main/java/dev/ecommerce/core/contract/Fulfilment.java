package dev.ecommerce.core.contract;

import java.util.List;

/**
 * Which fulfilment timestamps an order status demands: the one rule table shared by the Java validator
 * and its SQL translation.
 *
 * @param status the status text
 * @param shipped whether {@code shipped_at} is present
 * @param delivered whether {@code delivered_at} is present
 * @param returned whether {@code returned_at} is present
 */
public record Fulfilment(String status, boolean shipped, boolean delivered, boolean returned) {

    /** The five statuses of orders and order items. */
    public static final List<Fulfilment> RULES = List.of(
            new Fulfilment("Returned", true, true, true),
            new Fulfilment("Complete", true, true, false),
            new Fulfilment("Shipped", true, false, false),
            new Fulfilment("Processing", false, false, false),
            new Fulfilment("Cancelled", false, false, false));

    /** The rule for a status, or null when the status is null or unknown. */
    public static Fulfilment of(String status) {
        for (Fulfilment rule : RULES) {
            if (rule.status.equals(status)) {
                return rule;
            }
        }
        return null;
    }

    /** True when the presence of the three timestamps matches this rule. */
    public boolean matches(Object shippedAt, Object deliveredAt, Object returnedAt) {
        return (shippedAt != null) == shipped && (deliveredAt != null) == delivered && (returnedAt != null) == returned;
    }
}
