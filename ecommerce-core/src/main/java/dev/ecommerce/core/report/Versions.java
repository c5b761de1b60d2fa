package dev.ecommerce.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The versions of the plugin and of the libraries that do the run's work, as their jars name them (Maven's
 * {@code pom.properties}, else the manifest). A library that is not on the class path, or whose classes are not in a
 * jar (a build's own {@code target/classes}), is left out.
 */
final class Versions {

    /**
     * A library, found by one of its classes.
     *
     * @param artifactId the Maven artifact whose {@code pom.properties} holds the version
     */
    record Library(String label, String className, String artifactId) {}

    static final List<Library> LIBRARIES = List.of(
            new Library("ecommerce-maven-plugin", "dev.ecommerce.maven.IngestMojo", "ecommerce-maven-plugin"),
            new Library("ecommerce-core", "dev.ecommerce.core.report.RunReport", "ecommerce-core"),
            new Library("DuckDB (JDBC driver)", "org.duckdb.DuckDBDriver", "duckdb_jdbc"),
            new Library("Jinjava (embedded dbt engine)", "com.hubspot.jinjava.Jinjava", "jinjava"),
            new Library("AWS SDK (S3)", "software.amazon.awssdk.services.s3.S3Client", "s3"),
            new Library("Google Cloud BigQuery", "com.google.cloud.bigquery.BigQuery", "google-cloud-bigquery"),
            new Library(
                    "Google Cloud BigQuery Storage",
                    "com.google.cloud.bigquery.storage.v1.BigQueryReadClient",
                    "google-cloud-bigquerystorage"));

    private Versions() {}

    /** Label to version, in the order of {@link #LIBRARIES}, of the libraries that {@code loader} sees in jars. */
    static Map<String, String> of(ClassLoader loader) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Library library : LIBRARIES) {
            String version = version(loader, library);
            if (version != null) {
                versions.put(library.label(), version);
            }
        }
        return versions;
    }

    private static String version(ClassLoader loader, Library library) {
        URL resource = loader.getResource(library.className().replace('.', '/') + ".class");
        if (resource == null || !resource.getProtocol().equals("jar")) {
            return null;
        }
        try {
            JarURLConnection connection = (JarURLConnection) resource.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar =
                    new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
                String suffix = "/" + library.artifactId() + "/pom.properties";
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("META-INF/maven/")
                            && entry.getName().endsWith(suffix)) {
                        Properties pom = new Properties();
                        try (InputStream in = jar.getInputStream(entry)) {
                            pom.load(in);
                        }
                        if (pom.getProperty("version") != null) {
                            return pom.getProperty("version");
                        }
                    }
                }
                Manifest manifest = jar.getManifest();
                if (manifest == null) {
                    return null;
                }
                Attributes main = manifest.getMainAttributes();
                String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
                return version != null ? version : main.getValue("Bundle-Version");
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // a version is a nicety of the report: never a reason to fail it
        }
    }
}
