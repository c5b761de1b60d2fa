package dev.ecommerce.core.contract;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/** The contract of one {@code inventory_items} row; {@code sold_at} is null for unsold items. */
@CostBelowRetailPrice(retailPrice = "productRetailPrice")
@TimestampsInOrder({"createdAt", "soldAt"})
public record InventoryItemRow(
        @NotNull @Positive Long id,
        @NotNull @Positive Long productId,
        @NotNull Instant createdAt,
        Instant soldAt,
        @NotNull @Positive Double cost,
        @NotBlank String productCategory,
        @NotBlank String productName,
        @NotBlank String productBrand,
        @NotNull @DecimalMin(value = "0", inclusive = false) Double productRetailPrice,
        @NotNull @OneOf({"Men", "Women"}) String productDepartment,
        @NotNull @Pattern(regexp = Formats.SKU) String productSku,
        @NotNull @Positive Long productDistributionCenterId) {}
