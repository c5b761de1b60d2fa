package dev.ecommerce.core.source.bigquery;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.BigQueryReadSettings;
import com.google.cloud.http.HttpTransportOptions;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.GoogleCredentialsSpec;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two Google clients, built from the spec: endpoints (Google's, or a local compatible server),
 * credentials (never logged) and an explicit, bounded retry policy.
 */
final class BigQueryClients implements AutoCloseable {

    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/bigquery");

    final BigQuery bigQuery;
    final BigQueryReadClient read;
    private final ManagedChannel channel;

    private BigQueryClients(BigQuery bigQuery, BigQueryReadClient read, ManagedChannel channel) {
        this.bigQuery = bigQuery;
        this.read = read;
        this.channel = channel;
    }

    static BigQueryClients open(BigQuerySpec spec, boolean withStorageRead) {
        Credentials credentials = credentials(spec.credentials());
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds());
        RetrySettings retries = retrySettings(spec.maxAttempts(), timeout);
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(spec.billingProject())
                .setCredentials(credentials)
                .setRetrySettings(retries)
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout((int) timeout.toMillis())
                        .setReadTimeout((int) timeout.toMillis())
                        .build());
        if (spec.restEndpoint() != null) {
            options.setHost(spec.restEndpoint());
        }
        BigQuery bigQuery = options.build().getService();
        if (!withStorageRead) {
            return new BigQueryClients(bigQuery, null, null);
        }
        try {
            BigQueryReadSettings.Builder settings = BigQueryReadSettings.newBuilder();
            ManagedChannel channel = null;
            if (spec.grpcEndpoint() != null) {
                channel = NettyChannelBuilder.forTarget(spec.grpcEndpoint())
                        .usePlaintext()
                        .maxInboundMessageSize(128 * 1024 * 1024)
                        // 16 MiB instead of gRPC's 1 MiB: a 2 MiB response no longer waits for window updates.
                        .flowControlWindow(16 << 20)
                        .build();
                settings.setTransportChannelProvider(
                        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)));
            }
            // A custom endpoint is plaintext, and gRPC refuses to send credentials over it ("Credentials require
            // channel with PRIVACY_AND_INTEGRITY"): a key file set as well (GOOGLE_APPLICATION_CREDENTIALS) goes
            // to the REST client only, instead of failing every read.
            settings.setCredentialsProvider(
                    credentials instanceof NoCredentials || channel != null
                            ? NoCredentialsProvider.create()
                            : FixedCredentialsProvider.create(credentials));
            settings.createReadSessionSettings().setRetrySettings(retries);
            // ReadRows is resumed by StorageStreamReader at the offset it reached, so the client itself
            // does not retry it: one explicit strategy, and no row is read twice.
            // A read stream may run for long; what must not happen is silence: the wait for each next
            // message is bounded instead, and a stalled stream is resumed like a broken one.
            settings.readRowsSettings()
                    .setRetrySettings(retries.toBuilder()
                            .setMaxAttempts(1)
                            .setTotalTimeoutDuration(Duration.ofDays(1))
                            .setInitialRpcTimeoutDuration(Duration.ofDays(1))
                            .setMaxRpcTimeoutDuration(Duration.ofDays(1))
                            .build())
                    .setWaitTimeoutDuration(timeout)
                    .setIdleTimeoutDuration(timeout);
            return new BigQueryClients(bigQuery, BigQueryReadClient.create(settings.build()), channel);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create the BigQuery Storage Read client: " + e.getMessage(), e);
        }
    }

    static RetrySettings retrySettings(int maxAttempts, Duration timeout) {
        return RetrySettings.newBuilder()
                .setMaxAttempts(maxAttempts)
                .setInitialRetryDelayDuration(Duration.ofMillis(200))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(10))
                .setTotalTimeoutDuration(timeout.multipliedBy(maxAttempts + 1L))
                .setInitialRpcTimeoutDuration(timeout)
                .setMaxRpcTimeoutDuration(timeout)
                .setRpcTimeoutMultiplier(1.0)
                .build();
    }

    private static Credentials credentials(GoogleCredentialsSpec spec) {
        try {
            if (spec instanceof GoogleCredentialsSpec.None) {
                return NoCredentials.getInstance();
            }
            if (spec instanceof GoogleCredentialsSpec.KeyFile file) {
                if (!Files.isRegularFile(file.path())) {
                    throw new ConfigurationException("The service-account key file " + file.path()
                            + " does not exist: fix GOOGLE_APPLICATION_CREDENTIALS or the settings.xml server.");
                }
                try (InputStream in = Files.newInputStream(file.path())) {
                    return GoogleCredentials.fromStream(in).createScoped(SCOPES);
                }
            }
            if (spec instanceof GoogleCredentialsSpec.KeyJson json) {
                byte[] bytes = json.json().reveal().getBytes(StandardCharsets.UTF_8);
                return GoogleCredentials.fromStream(new ByteArrayInputStream(bytes))
                        .createScoped(SCOPES);
            }
            return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
        } catch (IOException e) {
            // The message of the Google auth library names the file or the missing setup, never a key.
            throw new ConfigurationException(
                    "Cannot load Google credentials (" + e.getMessage() + "): run `gcloud auth"
                            + " application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a key file, or configure a"
                            + " settings.xml server.",
                    e);
        }
    }

    @Override
    public void close() {
        if (read != null) {
            read.close();
        }
        if (channel != null) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
