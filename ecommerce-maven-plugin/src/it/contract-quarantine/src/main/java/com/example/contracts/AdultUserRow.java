package com.example.contracts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/** A project's own contract for users: stricter than the built-in one (adults only). */
public record AdultUserRow(
        @NotNull @Positive Long id,
        String firstName,
        String lastName,
        String email,
        @NotNull @Min(18) @Max(70) Long age,
        String gender,
        String state,
        String streetAddress,
        String postalCode,
        String city,
        String country,
        Double latitude,
        Double longitude,
        String trafficSource,
        @NotNull Instant createdAt,
        String userGeom) {}
