package dev.ecommerce.testkit.bigquery;

import com.sun.net.httpserver.HttpServer;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.source.thelook.ThelookGenerator;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BigQuery-compatible server on the loopback interface, for tests and offline runs: the seven thelook
 * tables from the project's own seeded generator, served through the BigQuery REST API (what
 * google-cloud-bigquery speaks) and the Storage Read API over plaintext gRPC (what {@code BigQueryReadClient}
 * speaks), with no credentials. Queries run on DuckDB after a small GoogleSQL translation
 * ({@link QueryTranslator}); faults can be injected ({@link #faults()}) and every request is logged
 * ({@link #requests()}).
 *
 * <pre>{@code
 * try (LocalBigQuery server = LocalBigQuery.builder().generator(new GeneratorSpec(42, 0.01, DEFAULT_ANCHOR, 2)).start()) {
 *     BigQuery bigQuery = BigQueryOptions.newBuilder()
 *             .setHost(server.restEndpoint())
 *             .setProjectId("my-project")
 *             .setCredentials(NoCredentials.getInstance())
 *             .build()
 *             .getService();
 *     ManagedChannel channel = ManagedChannelBuilder.forTarget(server.grpcEndpoint()).usePlaintext().build();
 *     BigQueryReadClient read = BigQueryReadClient.create(BigQueryReadSettings.newBuilder()
 *             .setCredentialsProvider(NoCredentialsProvider.create())
 *             .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
 *             .build());
 * }
 * }</pre>
 *
 * <p>The Storage Read API needs Arrow, so the JVM needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED};
 * without it the REST API still works and CreateReadSession fails with FAILED_PRECONDITION.
 */
public final class LocalBigQuery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBigQuery.class);

    private final Path directory;
    private final Catalog catalog;
    private final Faults faults;
    private final RequestLog log;
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final Server grpc;
    private final ExecutorService grpcExecutor;
    private final ReadApi readApi;
    private final DuckDbSettings duckDb;
    private GeneratorSpec generator;
    private Path file;

    private LocalBigQuery(Builder builder) {
        this.duckDb = builder.duckDb;
        this.generator = builder.generator;
        this.faults = new Faults();
        this.log = new RequestLog();
        this.directory = createDirectory();
        Catalog opened = null;
        HttpServer httpServer = null;
        ExecutorService httpThreads = null;
        Server grpcServer = null;
        ExecutorService grpcThreads = null;
        ReadApi read = null;
        try {
            this.file = directory.resolve("bigquery-" + builder.generator.anchorDate() + ".duckdb");
            load(file, builder.generator, builder.duckDb);
            opened = Catalog.open(file, builder.project, builder.dataset, builder.duckDb);
            QueryEngine engine = new QueryEngine(opened);

            RestApi rest = new RestApi(opened, engine, faults, log);
            httpThreads = Executors.newCachedThreadPool(daemon("local-bigquery-rest"));
            httpServer =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.restPort), 0);
            httpServer.createContext("/", rest);
            httpServer.setExecutor(httpThreads);
            httpServer.start();
            rest.baseUrl("http://127.0.0.1:" + httpServer.getAddress().getPort());

            read = new ReadApi(opened, engine.translator(), faults, log, builder.readCacheBytes);
            grpcThreads = Executors.newCachedThreadPool(daemon("local-bigquery-grpc"));
            grpcServer = NettyServerBuilder.forAddress(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.grpcPort))
                    .addService(read)
                    .flowControlWindow(16 << 20) // as the plugin's client: 2 MiB responses flow without stalls
                    .executor(grpcThreads)
                    .build()
                    .start();
        } catch (IOException | RuntimeException e) {
            stop(httpServer, httpThreads, grpcServer, grpcThreads, read, opened, directory);
            if (e instanceof RuntimeException runtime && !(e instanceof UncheckedIOException)) {
                throw runtime;
            }
            throw new InfrastructureException("Cannot start LocalBigQuery: " + e.getMessage(), e);
        }
        this.catalog = opened;
        this.http = httpServer;
        this.httpExecutor = httpThreads;
        this.grpc = grpcServer;
        this.grpcExecutor = grpcThreads;
        this.readApi = read;
        if (!ReadApi.arrowAvailable()) {
            LOG.warn(ReadApi.ARROW_HINT + "; until then only the REST API works.");
        }
        LOG.debug(
                "LocalBigQuery serves {}.{} on {} (REST) and {} (Storage Read gRPC)",
                builder.project,
                builder.dataset,
                restEndpoint(),
                grpcEndpoint());
    }

    /**
     * Serves the dataset as of another date from now on: the generator's world seen on {@code date} (same seed and
     * scale), as a shop's BigQuery export would look that day: a later date adds the rows created since and
     * moves open orders forward. Earlier query results and cached streams are gone; the endpoints stay.
     */
    public synchronized void advanceTo(java.time.LocalDate date) {
        GeneratorSpec next = new GeneratorSpec(generator.seed(), generator.scale(), date, generator.threads());
        Path nextFile = directory.resolve("bigquery-" + date + ".duckdb");
        if (nextFile.equals(file)) {
            return;
        }
        load(nextFile, next, duckDb);
        catalog.reload(nextFile, duckDb);
        readApi.clearCache();
        deleteRecursively(file);
        deleteRecursively(file.resolveSibling(file.getFileName() + ".wal"));
        file = nextFile;
        generator = next;
    }

    /** The date the served dataset is as of. */
    public java.time.LocalDate asOf() {
        return generator.anchorDate();
    }

    /** Bytes of Storage Read responses the server keeps for streams read whole (see {@link Builder#readCacheBytes}). */
    long readCacheBytes() {
        return readApi.cacheBytes();
    }

    /** A builder with the defaults: {@code bigquery-public-data.thelook_ecommerce}, ephemeral ports. */
    public static Builder builder() {
        return new Builder();
    }

    /** The REST root for {@code BigQueryOptions.Builder.setHost}, e.g. {@code http://127.0.0.1:43121}. */
    public String restEndpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The gRPC target for a plaintext channel, e.g. {@code 127.0.0.1:43122}. */
    public String grpcEndpoint() {
        return "127.0.0.1:" + grpc.getPort();
    }

    /** The project that holds the thelook dataset. */
    public String project() {
        return catalog.project();
    }

    /** The thelook dataset's name. */
    public String dataset() {
        return catalog.dataset();
    }

    /** Fault injection; thread-safe. */
    public Faults faults() {
        return faults;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** The requests of one method, e.g. {@code jobs.query} or {@code ReadRows}. */
    public List<RecordedRequest> requests(String method) {
        return log.snapshot().stream().filter(r -> r.method().equals(method)).toList();
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        log.clear();
    }

    /** Stops both servers and deletes the database. */
    @Override
    public void close() {
        stop(http, httpExecutor, grpc, grpcExecutor, readApi, catalog, directory);
    }

    private static void stop(
            HttpServer http,
            ExecutorService httpExecutor,
            Server grpc,
            ExecutorService grpcExecutor,
            ReadApi readApi,
            Catalog catalog,
            Path directory) {
        if (http != null) {
            http.stop(0);
        }
        if (httpExecutor != null) {
            httpExecutor.shutdownNow(); // wakes stalled responses
        }
        if (grpc != null) {
            grpc.shutdownNow();
            try {
                grpc.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (grpcExecutor != null) {
            grpcExecutor.shutdownNow();
        }
        if (readApi != null) {
            readApi.close();
        }
        if (catalog != null) {
            catalog.close();
        }
        deleteRecursively(directory);
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("local-bigquery");
        } catch (IOException e) {
            throw new InfrastructureException("Cannot create a temporary folder for LocalBigQuery", e);
        }
    }

    /** Fills the database through the core's warehouse, exactly as ingest does. */
    private static void load(Path file, GeneratorSpec generator, DuckDbSettings duckDb) {
        long start = System.nanoTime();
        try (Warehouse warehouse = Warehouse.openForWrite(file, duckDb);
                Load load = warehouse.beginLoad(List.of(Table.values()))) {
            new ThelookGenerator(generator).generate(EnumSet.allOf(Table.class), load::append);
            load.commit();
        }
        LOG.debug(
                "LocalBigQuery generated thelook (seed {}, scale {}) in {} ms",
                generator.seed(),
                generator.scale(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("LocalBigQuery could not delete {}: {}", directory, e.toString());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts a server and blocks until the JVM stops, printing both endpoints.
     *
     * <pre>
     * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp ... dev.ecommerce.testkit.bigquery.LocalBigQuery \
     *     --rest-port 9050 --grpc-port 9060 --scale 0.01 --seed 42
     * </pre>
     *
     * Options: {@code --rest-port} and {@code --grpc-port} (0, the default: any free port), {@code --scale}
     * (default {@value GeneratorSpec#DEFAULT_SCALE}), {@code --seed} (default 42), {@code --project},
     * {@code --dataset}.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder;
        try {
            builder = parse(args);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(USAGE);
            return;
        }
        LocalBigQuery server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("LocalBigQuery: " + server.project() + "." + server.dataset() + " (seed "
                + builder.generator.seed() + ", scale " + builder.generator.scale() + ")");
        System.out.println(
                "REST endpoint: " + server.restEndpoint() + "   (BigQueryOptions.newBuilder().setHost(...))");
        System.out.println("gRPC endpoint: " + server.grpcEndpoint()
                + "   (Storage Read API, plaintext: ManagedChannelBuilder.forTarget(...).usePlaintext())");
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
    }

    static final String USAGE = "Usage: LocalBigQuery [--rest-port N] [--grpc-port N] [--scale X] [--seed N]"
            + " [--project P] [--dataset D]";

    /** The builder for the command line, or {@code null} for {@code --help}. */
    static Builder parse(String[] args) {
        Builder builder = builder();
        long seed = GeneratorSpec.DEFAULT_SEED;
        double scale = GeneratorSpec.DEFAULT_SCALE;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new ConfigurationException("Missing value after " + option);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--rest-port" -> builder.restPort(Integer.parseInt(value));
                    case "--grpc-port" -> builder.grpcPort(Integer.parseInt(value));
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--project" -> builder.project(value);
                    case "--dataset" -> builder.dataset(value);
                    default -> throw new ConfigurationException("Unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Not a number after " + option + ": " + value);
            }
        }
        return builder.generator(new GeneratorSpec(seed, scale, GeneratorSpec.DEFAULT_ANCHOR, Builder.threads()));
    }

    /** Configures and starts a {@link LocalBigQuery}. */
    public static final class Builder {

        /** 1 GiB: every table at scale 1 fits. */
        public static final long DEFAULT_READ_CACHE_BYTES = 1L << 30;

        private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{3,80}[a-z0-9]");
        private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");

        private String project = "bigquery-public-data";
        private String dataset = "thelook_ecommerce";
        private GeneratorSpec generator = new GeneratorSpec(
                GeneratorSpec.DEFAULT_SEED, GeneratorSpec.DEFAULT_SCALE, GeneratorSpec.DEFAULT_ANCHOR, threads());
        private int restPort;
        private int grpcPort;
        private long readCacheBytes = DEFAULT_READ_CACHE_BYTES;
        private DuckDbSettings duckDb = DuckDbSettings.DEFAULTS;

        private Builder() {}

        private static int threads() {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }

        /**
         * The memory limit and threads of the server's DuckDB database (it spills beside its own file, in the
         * server's temporary folder); default {@link DuckDbSettings#DEFAULTS}.
         */
        public Builder duckDb(DuckDbSettings settings) {
            this.duckDb = new DuckDbSettings(settings.memoryLimit(), settings.threads(), null);
            return this;
        }

        /** The project that holds the dataset; default {@code bigquery-public-data}. */
        public Builder project(String project) {
            if (project == null || !PROJECT.matcher(project).matches()) {
                throw new ConfigurationException("Not a BigQuery project id: " + project
                        + " (lower-case letters, digits, hyphens; domain-scoped ids may have '.' and ':')");
            }
            this.project = project;
            return this;
        }

        /** The dataset the seven tables live in; default {@code thelook_ecommerce}. */
        public Builder dataset(String dataset) {
            if (dataset == null || !DATASET.matcher(dataset).matches() || dataset.equals(Catalog.ANON_DATASET)) {
                throw new ConfigurationException("Not a usable dataset name: " + dataset
                        + " (letters, digits and underscores; not " + Catalog.ANON_DATASET + ")");
            }
            this.dataset = dataset;
            return this;
        }

        /** The generator that makes the data; default seed 42, scale 0.1, the default anchor date. */
        public Builder generator(GeneratorSpec generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** The REST port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder restPort(int port) {
            this.restPort = port(port, "rest");
            return this;
        }

        /** The gRPC port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder grpcPort(int port) {
            this.grpcPort = port(port, "grpc");
            return this;
        }

        private static int port(int port, String which) {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("The " + which + " port must be 0 to 65535, got " + port);
            }
            return port;
        }

        /**
         * The bytes of Storage Read responses kept for streams read whole, so that the next read of the same
         * rows only sends them (as with the real BigQuery, whose serving costs the reader's machine nothing);
         * default {@link #DEFAULT_READ_CACHE_BYTES}, 0 turns the cache off.
         */
        public Builder readCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new ConfigurationException("The read cache size must not be negative, got " + bytes);
            }
            this.readCacheBytes = bytes;
            return this;
        }

        /** Generates the data and starts both servers; close the result to stop them. */
        public LocalBigQuery start() {
            return new LocalBigQuery(this);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "LocalBigQuery.Builder[%s.%s, %s]", project, dataset, generator);
        }
    }
}
