package dev.ecommerce.core.source.bigquery;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.GeneratorSpec;
import java.util.ServiceLoader;

/**
 * Starts a local BigQuery-compatible server (REST and Storage Read) filled by the thelook generator. The
 * implementation lives in {@code ecommerce-testkit}; a build that adds it to the plugin's dependencies can
 * run the BigQuery source offline ({@link dev.ecommerce.core.config.Setting#BIGQUERY_LOCAL_SERVER}).
 */
public interface LocalBigQueryProvider {

    /** A running server; closing it stops it. */
    interface Server extends AutoCloseable {
        String restEndpoint();

        String grpcEndpoint();

        @Override
        void close();
    }

    Server start(GeneratorSpec data, String project, String dataset);

    /** Starts a server whose DuckDB database gets the build's memory limit and threads. */
    default Server start(GeneratorSpec data, String project, String dataset, DuckDbSettings duckDb) {
        return start(data, project, dataset);
    }

    /** The provider on the classpath of {@code loader}, or a message that says which dependency to add. */
    static LocalBigQueryProvider find(ClassLoader loader) {
        return ServiceLoader.load(LocalBigQueryProvider.class, loader)
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("ecommerce.bigquery.localServer needs the local"
                        + " BigQuery server: add dev.ecommerce:ecommerce-testkit to the plugin's <dependencies>."));
    }
}
