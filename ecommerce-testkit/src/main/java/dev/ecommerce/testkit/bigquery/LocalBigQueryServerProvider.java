package dev.ecommerce.testkit.bigquery;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.source.bigquery.LocalBigQueryProvider;

/**
 * Makes {@link LocalBigQuery} the core's local BigQuery server ({@code -Decommerce.bigquery.localServer}),
 * found through {@link java.util.ServiceLoader} when this module is on the classpath.
 */
public final class LocalBigQueryServerProvider implements LocalBigQueryProvider {

    /** For {@link java.util.ServiceLoader}. */
    public LocalBigQueryServerProvider() {}

    @Override
    public Server start(GeneratorSpec data, String project, String dataset) {
        return start(data, project, dataset, DuckDbSettings.DEFAULTS);
    }

    @Override
    public Server start(GeneratorSpec data, String project, String dataset, DuckDbSettings duckDb) {
        LocalBigQuery server = LocalBigQuery.builder()
                .project(project)
                .dataset(dataset)
                .generator(data)
                .duckDb(duckDb)
                .start();
        return new Server() {
            @Override
            public String restEndpoint() {
                return server.restEndpoint();
            }

            @Override
            public String grpcEndpoint() {
                return server.grpcEndpoint();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
