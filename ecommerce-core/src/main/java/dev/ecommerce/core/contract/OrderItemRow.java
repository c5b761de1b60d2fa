package dev.ecommerce.core.contract;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/** The contract of one {@code order_items} row: status and timestamps follow the order's rules. */
@FulfilmentMatchesStatus
@TimestampsInOrder({"createdAt", "shippedAt", "deliveredAt", "returnedAt"})
public record OrderItemRow(
        @NotNull @Positive Long id,
        @NotNull @Positive Long orderId,
        @NotNull @Positive Long userId,
        @NotNull @Positive Long productId,
        @NotNull @Positive Long inventoryItemId,

        @NotNull @OneOf({"Complete", "Cancelled", "Returned", "Processing", "Shipped"})
        String status,

        @NotNull Instant createdAt,
        Instant shippedAt,
        Instant deliveredAt,
        Instant returnedAt,
        @NotNull @DecimalMin(value = "0", inclusive = false) Double salePrice) {}
