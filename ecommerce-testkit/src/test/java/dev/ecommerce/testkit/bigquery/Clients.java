package dev.ecommerce.testkit.bigquery;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.BigQueryReadSettings;
import com.google.cloud.http.HttpTransportOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The real Google clients, pointed at a {@link LocalBigQuery} the way users point them. */
final class Clients {

    static final String PROJECT = "test-project";

    private Clients() {}

    /** google-cloud-bigquery with the default retry rules but short delays, so retry tests stay fast. */
    static BigQuery bigQuery(LocalBigQuery server) {
        return bigQuery(server, 6, Duration.ofSeconds(20));
    }

    /** google-cloud-bigquery with at most {@code attempts} attempts and this read timeout. */
    static BigQuery bigQuery(LocalBigQuery server, int attempts, Duration readTimeout) {
        return bigQuery(server.restEndpoint(), attempts, readTimeout);
    }

    static BigQuery bigQuery(String restEndpoint, int attempts, Duration readTimeout) {
        RetrySettings retry = ServiceOptions.getDefaultRetrySettings().toBuilder()
                .setMaxAttempts(attempts)
                .setInitialRetryDelayDuration(Duration.ofMillis(10))
                .setMaxRetryDelayDuration(Duration.ofMillis(50))
                .build();
        return BigQueryOptions.newBuilder()
                .setHost(restEndpoint)
                .setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance())
                .setRetrySettings(retry)
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setReadTimeout((int) readTimeout.toMillis())
                        .build())
                .build()
                .getService();
    }

    /** A BigQueryReadClient on a plaintext channel; close both. */
    record Read(BigQueryReadClient client, ManagedChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            channel.shutdownNow();
        }
    }

    static Read read(LocalBigQuery server) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(server.grpcEndpoint())
                .usePlaintext()
                .build();
        try {
            BigQueryReadClient client = BigQueryReadClient.create(BigQueryReadSettings.newBuilder()
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .setTransportChannelProvider(
                            FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                    .build());
            return new Read(client, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
