package dev.ecommerce.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Where the sink goal writes tables. {@code s3} and {@code md} (MotherDuck) arrive with their own issue. */
public enum DestinationKind {
    /** CSV and Parquet files in a local folder. */
    LOCAL;

    /**
     * Parses configured destinations, falling back to {@code DESTINATION} from the environment or
     * {@code .env}, then to {@code local}.
     */
    public static Set<DestinationKind> resolve(List<String> configured, Settings settings) {
        Settings.Resolved resolved =
                settings.resolve(configured == null ? null : String.join(",", configured), LegacyVariable.DESTINATION);
        if (resolved.value() == null) {
            return Set.of(LOCAL);
        }
        String setting = resolved.origin() == Settings.Origin.CONFIGURATION
                ? "<destinations> (-Decommerce.destinations)"
                : "DESTINATION (" + resolved.origin().name().toLowerCase(java.util.Locale.ROOT) + ")";
        return Choices.parseAll(
                DestinationKind.class, Arrays.asList(resolved.value().split(",")), setting);
    }
}
