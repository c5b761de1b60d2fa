package dev.ecommerce.core.contract;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The contract of one {@code products} row. */
@CostBelowRetailPrice
public record ProductRow(
        @NotNull @Positive Long id,
        @NotNull @Positive Double cost,
        @NotBlank String category,
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 255) String brand,
        @NotNull @DecimalMin(value = "0", inclusive = false) Double retailPrice,
        @NotNull @OneOf({"Men", "Women"}) String department,
        @NotNull @Pattern(regexp = Formats.SKU) String sku,
        @NotNull @Positive Long distributionCenterId) {}
