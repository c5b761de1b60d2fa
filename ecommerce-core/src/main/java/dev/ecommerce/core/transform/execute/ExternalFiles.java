package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.io.AtomicFiles;
import dev.ecommerce.core.s3.S3Bucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of dbt-duckdb's external sources and {@code external} models, staged through Java instead of
 * DuckDB's httpfs: a local location is used where it is (relative to the project, as dbt-duckdb resolves it
 * from its working folder); an {@code s3://bucket/key} location has a local copy under the staging folder,
 * {@code in/<bucket>/<key>} for inputs (downloaded once per run) and {@code out/<bucket>/<key>} for outputs
 * (uploaded whole once written). DuckDB only ever reads and writes the local files.
 */
public final class ExternalFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalFiles.class);

    private final Path projectDirectory;
    private final Path stagingDirectory;
    private final Supplier<S3ClientSpec> client;
    private final Map<String, S3Bucket> buckets = new LinkedHashMap<>();
    private final Set<String> downloaded = new HashSet<>();

    /**
     * @param client the S3 client settings, asked for only when a location is on S3
     */
    public ExternalFiles(Path projectDirectory, Path stagingDirectory, Supplier<S3ClientSpec> client) {
        this.projectDirectory = projectDirectory;
        this.stagingDirectory = stagingDirectory;
        this.client = client;
    }

    public static boolean isS3(String location) {
        return location.startsWith("s3://");
    }

    /** The local file DuckDB reads for an input location. */
    public Path input(String location) {
        return local(location, "in");
    }

    /** The local file DuckDB writes for an output location. */
    public Path output(String location) {
        return local(location, "out");
    }

    private Path local(String location, String folder) {
        if (!isS3(location)) {
            // S3://, s3a://, gs://...: never a local folder of that name, which would "succeed" silently.
            if (location.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                throw new ConfigurationException("The location " + location + " is neither a local path nor"
                        + " s3://<bucket>/<key>: the embedded engine reads and writes only those (check"
                        + " TRANSFORM_S3_PATH_INPUT/_OUTPUT, external_root, meta.external_location, location).");
            }
            return projectDirectory.resolve(location).toAbsolutePath().normalize();
        }
        S3Location object = object(location);
        return AtomicFiles.resolveInside(stagingDirectory.resolve(folder), object.bucket() + "/" + object.prefix());
    }

    /**
     * Makes an input's local file present: downloads an S3 object (once per run), or checks a local file.
     *
     * @param reader what reads it, for the error, e.g. {@code source thelook.orders (models/sources.yml)}
     * @throws DataException naming the location and the reader when there is no such file or object
     */
    public void stage(String location, String reader) {
        if (!isS3(location)) {
            if (!Files.isRegularFile(input(location))) {
                throw new DataException("The " + reader + " reads " + location + " (" + input(location)
                        + "), which does not exist: write it first (mvn ecommerce:sink), or fix the source's"
                        + " meta.external_location.");
            }
            return;
        }
        if (!downloaded.add(location)) {
            return;
        }
        S3Location object = object(location);
        Path target = input(location);
        try {
            bucket(object).get(object.prefix(), target);
        } catch (DataException e) {
            downloaded.remove(location);
            throw new DataException(
                    "The " + reader + " reads " + location + ", which does not exist: sink the table there first"
                            + " (mvn ecommerce:sink with the s3 destination), or fix the source's"
                            + " meta.external_location (TRANSFORM_S3_PATH_INPUT).",
                    e);
        } catch (RuntimeException e) {
            downloaded.remove(location);
            throw e;
        }
        LOG.debug("Downloaded {} to {}", location, target);
    }

    /** Uploads a written output to its S3 location (nothing to do for a local one). */
    public void publish(String location, Path file) {
        if (!isS3(location)) {
            return;
        }
        S3Location object = object(location);
        bucket(object).put(file, object.prefix());
        LOG.debug("Uploaded {} to {}", file, location);
    }

    private S3Bucket bucket(S3Location object) {
        return buckets.computeIfAbsent(object.bucket(), b -> S3Bucket.open(new S3Location(b, ""), client.get()));
    }

    private static S3Location object(String location) {
        S3Location object = S3Location.parse(location, "location");
        if (object.prefix().isEmpty()) {
            throw new DataException("The external location " + location + " names a bucket, not an object:"
                    + " use s3://<bucket>/<key>.");
        }
        return object;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (S3Bucket bucket : buckets.values()) {
            try {
                bucket.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        buckets.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
