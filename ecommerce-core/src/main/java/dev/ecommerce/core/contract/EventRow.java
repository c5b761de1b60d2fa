package dev.ecommerce.core.contract;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;

/**
 * The contract of one {@code events} row. {@code user_id} is null for anonymous sessions; the traffic
 * sources of events are a different list from those of users.
 */
public record EventRow(
        @NotNull @Positive Long id,
        @Positive Long userId,
        @NotNull @Positive Long sequenceNumber,
        @NotNull @Pattern(regexp = Formats.UUID) String sessionId,
        @NotNull Instant createdAt,

        @PersonalData @NotNull @Pattern(regexp = Formats.IPV4)
        String ipAddress,

        @NotNull String city,
        @NotNull String state,
        @NotNull String postalCode,

        @NotNull @OneOf({"Chrome", "Safari", "Firefox", "IE", "Other"})
        String browser,

        @NotNull @OneOf({"Email", "Adwords", "YouTube", "Facebook", "Organic"})
        String trafficSource,

        @NotNull @Pattern(regexp = Formats.EVENT_URI) String uri,

        @NotNull @OneOf({"home", "department", "product", "cart", "purchase", "cancel"})
        String eventType) {}
