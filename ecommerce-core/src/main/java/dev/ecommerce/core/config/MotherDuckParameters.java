package dev.ecommerce.core.config;

/**
 * The motherduck destination's settings as a build tool hands them over, turned into a checked
 * {@link MotherDuckDestinationSpec}. The token comes from the settings.xml server, else {@code MOTHERDUCK_TOKEN}
 * (environment or {@code .env}).
 *
 * @param database {@code md:<name>} or the path of a DuckDB file; null is {@code md:ecommerce}
 * @param mode {@code replace} (default) or {@code upsert}
 * @param serverToken the {@code <password>} of the settings.xml server, or null
 */
public record MotherDuckParameters(String database, String mode, Secret serverToken) {

    /** The checked spec; tables are staged under the work directory's {@code staging/motherduck}. */
    public MotherDuckDestinationSpec toSpec(Settings settings, WorkLayout layout) {
        Secret token = serverToken != null
                ? serverToken
                : settings.secret(LegacyVariable.MOTHERDUCK_TOKEN).orElse(null);
        return new MotherDuckDestinationSpec(
                database,
                token,
                MotherDuckDestinationSpec.WriteMode.parse(mode, Setting.MOTHERDUCK_MODE.ref()),
                layout.staging("motherduck"));
    }
}
