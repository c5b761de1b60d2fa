package dev.ecommerce.core.contract;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** The contract of one {@code distribution_centers} row. */
public record DistributionCenterRow(
        @NotNull @Positive Long id,
        @NotBlank String name,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @NotNull @Pattern(regexp = Formats.WKT_POINT) String distributionCenterGeom) {}
