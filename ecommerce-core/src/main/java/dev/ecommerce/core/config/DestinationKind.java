package dev.ecommerce.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where the sink goal writes tables. */
public enum DestinationKind implements Choices.Named {
    /** CSV and Parquet files in a local folder. */
    LOCAL,
    /** Objects in an S3 bucket (or an S3-compatible store), uploaded by the AWS SDK. */
    S3,
    /** Tables in a MotherDuck database ({@code md:}) or any DuckDB database file. */
    MOTHERDUCK;

    /** The name users write: {@code local}, {@code s3}, {@code md} ({@code motherduck} is accepted too). */
    @Override
    public String configName() {
        return this == MOTHERDUCK ? "md" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses configured destinations ({@code motherduck} is an alias of {@code md}), falling back to
     * {@code DESTINATION} from the environment or {@code .env}, then to {@code local}.
     */
    public static Set<DestinationKind> resolve(List<String> configured, Settings settings) {
        Settings.Resolved resolved =
                settings.resolve(configured == null ? null : String.join(",", configured), LegacyVariable.DESTINATION);
        if (resolved.value() == null) {
            return Set.of(LOCAL);
        }
        String setting = resolved.origin() == Settings.Origin.CONFIGURATION
                ? Setting.DESTINATIONS.ref()
                : "DESTINATION (" + resolved.origin().name().toLowerCase(Locale.ROOT) + ")";
        List<String> names = Arrays.stream(resolved.value().split(","))
                .map(name -> name.trim().equalsIgnoreCase("motherduck") ? "md" : name)
                .toList();
        return Choices.parseAll(DestinationKind.class, names, setting);
    }
}
