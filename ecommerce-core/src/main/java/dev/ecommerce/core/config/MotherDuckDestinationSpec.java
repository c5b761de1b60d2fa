package dev.ecommerce.core.config;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MotherDuck, or any DuckDB database file: each table replaced, or upserted by primary key, in one
 * transaction.
 *
 * @param database {@code md:<name>} for MotherDuck, else the path of a DuckDB database file
 * @param token the MotherDuck token (only for {@code md:}), or {@code null}
 * @param mode how rows are written
 * @param stagingDirectory where DuckDB writes the Parquet files that are loaded into the database
 */
public record MotherDuckDestinationSpec(String database, Secret token, WriteMode mode, Path stagingDirectory)
        implements DestinationSpec {

    public static final String DEFAULT_DATABASE = "md:ecommerce";

    /** How the destination writes a table. */
    public enum WriteMode {
        /** {@code CREATE OR REPLACE} each table with the warehouse's rows. */
        REPLACE,
        /** Delete the rows whose primary key arrives, then insert the arriving rows; other rows stay. */
        UPSERT;

        /** The default, as the build tool's parameter says it. */
        public static final String DEFAULT = "replace";

        public static WriteMode parse(String raw, String setting) {
            return Choices.parse(WriteMode.class, raw == null || raw.isBlank() ? DEFAULT : raw, setting);
        }
    }

    public MotherDuckDestinationSpec {
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database.trim();
        if (isMotherDuck(database) && !database.substring(3).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException("Invalid " + Setting.MOTHERDUCK_DATABASE.ref() + " '" + database
                    + "': use md:<name> with letters, digits and _, or the path of a DuckDB file.");
        }
        mode = mode == null ? WriteMode.REPLACE : mode;
    }

    /** True for {@code md:<name>}. */
    public static boolean isMotherDuck(String database) {
        return database.toLowerCase(Locale.ROOT).startsWith("md:");
    }

    public boolean motherDuck() {
        return isMotherDuck(database);
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.MOTHERDUCK;
    }
}
