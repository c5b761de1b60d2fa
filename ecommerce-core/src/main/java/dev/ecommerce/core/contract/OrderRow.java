package dev.ecommerce.core.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/**
 * The contract of one {@code orders} row: fulfilment timestamps as the status demands, in order. They may
 * lie after the generation date (fulfilment is drawn forward from the order time).
 */
@FulfilmentMatchesStatus
@TimestampsInOrder({"createdAt", "shippedAt", "deliveredAt", "returnedAt"})
public record OrderRow(
        @NotNull @Positive Long orderId,
        @NotNull @Positive Long userId,

        @NotNull @OneOf({"Complete", "Cancelled", "Returned", "Processing", "Shipped"})
        String status,

        @NotNull @OneOf({"M", "F"}) String gender,
        @NotNull Instant createdAt,
        Instant returnedAt,
        Instant shippedAt,
        Instant deliveredAt,
        @NotNull @Min(1) @Max(4) Long numOfItem) {}
