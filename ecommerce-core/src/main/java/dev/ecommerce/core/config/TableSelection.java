package dev.ecommerce.core.config;

import dev.ecommerce.core.schema.Table;
import java.util.Arrays;
import java.util.List;

/** Resolves which tables a goal works on. */
public final class TableSelection {

    private TableSelection() {}

    /**
     * The configured tables, else {@code TABLE_NAMES} from the environment or {@code .env}, else all seven.
     * An unknown name fails before any work, listing the valid names.
     */
    public static List<Table> resolve(List<String> configured, Settings settings) {
        Settings.Resolved resolved =
                settings.resolve(configured == null ? null : String.join(",", configured), LegacyVariable.TABLE_NAMES);
        if (resolved.value() == null) {
            return List.of(Table.values());
        }
        String setting = resolved.origin() == Settings.Origin.CONFIGURATION
                ? Setting.TABLES.ref()
                : "TABLE_NAMES (" + resolved.origin().name().toLowerCase(java.util.Locale.ROOT) + ")";
        return Table.parseAll(Arrays.asList(resolved.value().split(",")), setting);
    }
}
