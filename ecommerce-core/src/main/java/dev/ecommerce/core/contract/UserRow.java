package dev.ecommerce.core.contract;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/** The contract of one {@code users} row. Emails are not unique in thelook, so nothing checks that. */
public record UserRow(
        @NotNull @Positive Long id,
        @PersonalData @NotBlank String firstName,
        @PersonalData @NotBlank String lastName,

        @PersonalData @NotNull @Email @Pattern(regexp = Formats.EMAIL)
        String email,

        @NotNull @Min(12) @Max(70) Long age,
        @NotNull @OneOf({"M", "F"}) String gender,
        @NotNull String state,
        @PersonalData @NotBlank String streetAddress,
        @NotNull String postalCode,
        @NotNull String city,
        @NotBlank String country,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,

        @NotNull @OneOf({"Search", "Organic", "Facebook", "Email", "Display"})
        String trafficSource,

        @NotNull Instant createdAt,
        @NotNull @Pattern(regexp = Formats.WKT_POINT) String userGeom) {}
