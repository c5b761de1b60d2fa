package dev.ecommerce.core.warehouse;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The one place that opens DuckDB databases, with the plugin's policy: DuckDB never downloads an extension
 * ({@code autoinstall_known_extensions = false}; built-in and installed ones still load), and the memory
 * limit, threads and temp directory of {@link DuckDbSettings}. DuckDB shares one database per file and
 * configuration inside a process, so every connection to a file must come through here to join it.
 */
public final class DuckDb {

    /** The DuckDB setting that would let DuckDB download extensions during a build. */
    public static final String AUTOINSTALL = "autoinstall_known_extensions";

    private DuckDb() {}

    /** Opens a database file (created when missing) for writing, or read-only. */
    public static DuckDBConnection open(Path file, boolean readOnly, DuckDbSettings settings) throws SQLException {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        return open(file.toAbsolutePath().toString(), properties, settings);
    }

    /** Opens an in-memory database. */
    public static DuckDBConnection inMemory(DuckDbSettings settings) throws SQLException {
        return open("", new Properties(), settings);
    }

    /**
     * Opens a database by DuckDB's name for it: a file path, {@code ""} for memory, or {@code md:<name>}.
     *
     * @param extra more DuckDB settings for this database (e.g. a MotherDuck token); never logged
     */
    public static DuckDBConnection open(String database, Properties extra, DuckDbSettings settings)
            throws SQLException {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.putAll(policy(settings));
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new InfrastructureException("The DuckDB JDBC driver is not on the class path", e);
        }
        return DriverManager.getConnection("jdbc:duckdb:" + database, properties)
                .unwrap(DuckDBConnection.class);
    }

    /** A further connection to the same database; it shares the database's settings. */
    public static DuckDBConnection duplicate(DuckDBConnection connection) throws SQLException {
        return (DuckDBConnection) connection.duplicate();
    }

    /** The DuckDB settings every database of the plugin is opened with. */
    static Map<String, String> policy(DuckDbSettings settings) {
        Map<String, String> policy = new java.util.LinkedHashMap<>();
        policy.put(AUTOINSTALL, "false");
        if (settings.memoryLimit() != null) {
            policy.put("memory_limit", settings.duckDbMemoryLimit());
        }
        if (settings.threads() != null) {
            policy.put("threads", Integer.toString(settings.threads()));
        }
        if (settings.tempDirectory() != null) {
            Path temp = settings.tempDirectory().toAbsolutePath();
            try {
                Files.createDirectories(temp);
            } catch (IOException e) {
                throw new InfrastructureException("Cannot create DuckDB's temp directory " + temp, e);
            }
            policy.put("temp_directory", temp.toString());
        }
        return policy;
    }

    /**
     * Says why an extension could not be loaded: {@code "is not installed"} when DuckDB did not find it
     * (it may not download it), else {@code "cannot be loaded (<DuckDB's first line>)"}.
     */
    public static String extensionState(SQLException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        return reason.contains("not found")
                ? "is not installed"
                : "cannot be loaded (" + reason.lines().findFirst().orElse("") + ")";
    }

    /** True when DuckDB failed because an extension is missing or broken, not for another reason. */
    public static boolean isExtensionFailure(SQLException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        return reason.toLowerCase(java.util.Locale.ROOT).contains("extension");
    }
}
