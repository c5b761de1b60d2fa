package dev.ecommerce.core.source.bigquery;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import com.google.cloud.bigquery.storage.v1.ReadStream;
import com.google.protobuf.Timestamp;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.BigQuerySpec;
import dev.ecommerce.core.config.ReadPath;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.ColumnType;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.warehouse.BatchSink;
import dev.ecommerce.core.warehouse.Load;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads thelook tables from BigQuery. First a dry run of every table's query (the cost guard), then either
 * the Storage Read API (Arrow batches straight into DuckDB; whole tables read directly at one snapshot
 * time, filtered ones through their query's result table) or REST paging of query results.
 */
public final class BigQueryReader {

    private static final int REST_PAGE_ROWS = 20_000;
    private static final int READ_THREADS = 4;

    private final BigQuerySpec spec;
    private final Map<Table, Window> windows;

    public BigQueryReader(BigQuerySpec spec) {
        this(spec, Map.of());
    }

    /** A reader of only the rows in each table's window, if it has one (pushed down). */
    public BigQueryReader(BigQuerySpec spec, Map<Table, Window> windows) {
        this.spec = spec;
        this.windows = Map.copyOf(windows);
    }

    /**
     * Dry-runs every table's query, logs the bytes per table and in total, and fails when the total exceeds
     * {@code maxBytesBilled}.
     */
    public Map<Table, Long> estimate(Set<Table> tables, Consumer<String> log) {
        Map<Table, Long> bytes = dryRunBytes(tables);
        bytes.forEach(
                (table, b) -> log.accept(String.format(Locale.ROOT, "  %s: estimated %s", table.sqlName(), human(b))));
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        log.accept("BigQuery estimate: " + human(total) + " for " + tables.size() + " tables"
                + (spec.maxBytesBilled() == null ? "" : " (maxBytesBilled " + human(spec.maxBytesBilled()) + ")"));
        if (spec.maxBytesBilled() != null && total > spec.maxBytesBilled()) {
            StringBuilder detail = new StringBuilder();
            bytes.forEach((table, b) -> detail.append(detail.length() == 0 ? "" : ", ")
                    .append(table.sqlName())
                    .append(' ')
                    .append(b)
                    .append(" bytes"));
            throw new ConfigurationException("The BigQuery estimate " + total + " bytes (" + detail
                    + ") exceeds " + Setting.MAX_BYTES_BILLED.ref() + " " + spec.maxBytesBilled()
                    + ": raise it, read fewer"
                    + " tables or columns, or narrow " + Setting.START_DATE.ref() + "/" + Setting.END_DATE.ref()
                    + ". Nothing was queried.");
        }
        return bytes;
    }

    /** BigQuery's own estimate of the bytes each table's query would bill (a dry run per table), unchecked. */
    public Map<Table, Long> dryRunBytes(Set<Table> tables) {
        Map<Table, Long> bytes = new EnumMap<>(Table.class);
        // The tables' dry runs at once: each is a round trip to BigQuery that bills nothing.
        ExecutorService pool = Executors.newFixedThreadPool(READ_THREADS, daemon("bigquery-dry-run"));
        try (BigQueryClients clients = BigQueryClients.open(spec, false)) {
            Map<Table, Future<Long>> pending = new EnumMap<>(Table.class);
            for (Table table : tables) {
                TableRead read = TableRead.plan(spec, table, windows.get(table));
                QueryJobConfiguration dryRun = QueryJobConfiguration.newBuilder(read.query())
                        .setDryRun(true)
                        .setUseQueryCache(false)
                        .setUseLegacySql(false)
                        .build();
                pending.put(table, pool.submit(() -> {
                    try {
                        Job job = Retry.call(spec.maxAttempts(), () -> clients.bigQuery.create(JobInfo.of(dryRun)));
                        JobStatistics.QueryStatistics statistics = job.getStatistics();
                        return statistics.getTotalBytesProcessed();
                    } catch (BigQueryException e) {
                        throw BigQueryErrors.translate(e, table, spec);
                    }
                }));
            }
            for (Map.Entry<Table, Future<Long>> entry : pending.entrySet()) {
                bytes.put(entry.getKey(), await(entry.getValue()));
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes;
    }

    /** Logs, per table and in total, an estimate next to what reading every row would bill. */
    public static void compare(Map<Table, Long> part, Map<Table, Long> full, Consumer<String> log) {
        long partTotal = 0;
        long fullTotal = 0;
        for (Map.Entry<Table, Long> entry : part.entrySet()) {
            long whole = full.getOrDefault(entry.getKey(), 0L);
            log.accept(String.format(
                    Locale.ROOT,
                    "  %s: %s, a full read %s",
                    entry.getKey().sqlName(),
                    human(entry.getValue()),
                    human(whole)));
            partTotal += entry.getValue();
            fullTotal += whole;
        }
        log.accept(String.format(
                Locale.ROOT,
                "BigQuery estimate: %s for this read, %s for a full read (%.1f%%)",
                human(partTotal),
                human(fullTotal),
                fullTotal == 0 ? 0.0 : 100.0 * partTotal / fullTotal));
    }

    /** Reads the tables into the sink: Arrow streams (Storage Read API) or row batches (REST). */
    public void read(Set<Table> tables, BatchSink sink) {
        Consumer<String> log = sink::info;
        boolean storage = spec.readPath() == ReadPath.STORAGE;
        if (storage && !sink.arrowAvailable()) {
            log.accept(
                    "BigQuery: the Storage Read API needs Arrow, which this JVM does not allow; reading through"
                            + " REST instead. Add --add-opens=java.base/java.nio=ALL-UNNAMED to .mvn/jvm.config for the fast path.");
            storage = false;
        }
        try (BigQueryClients clients = BigQueryClients.open(spec, storage)) {
            if (storage) {
                readStorage(clients, tables, sink, log);
            } else {
                for (Table table : tables) {
                    readRest(clients, TableRead.plan(spec, table, windows.get(table)), sink::accept, log);
                }
            }
        }
    }

    private void readStorage(BigQueryClients clients, Set<Table> tables, BatchSink sink, Consumer<String> log) {
        Instant snapshot = Instant.now(); // every direct read sees the tables as of this instant
        // Tables on a small fixed pool; their extra streams on a pool of their own, so that a table
        // waiting for its streams never waits behind another table.
        ExecutorService tablePool = Executors.newFixedThreadPool(READ_THREADS, daemon("bigquery-table"));
        ExecutorService streamPool = Executors.newCachedThreadPool(daemon("bigquery-stream"));
        BufferAllocator allocator = sink.arrowAllocator().newChildAllocator("bigquery", 0, Long.MAX_VALUE);
        Queue<StorageStreamReader> open = new ConcurrentLinkedQueue<>();
        boolean done = false;
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Table table : tables) {
                TableRead read = TableRead.plan(spec, table, windows.get(table));
                work.add(tablePool.submit(
                        () -> readTableStorage(clients, read, snapshot, allocator, streamPool, sink, open, log)));
            }
            for (Future<?> future : work) {
                await(future);
            }
            done = true;
        } finally {
            tablePool.shutdownNow();
            streamPool.shutdownNow();
            // A failed table stops the others: their streams are cancelled (again while they wind down, as
            // a table thread may still be opening streams), so no thread is left writing into the warehouse
            // once the failure reaches the caller, who closes it.
            Runnable stop = done ? () -> {} : () -> open.forEach(StorageStreamReader::abort);
            awaitTermination(tablePool, stop);
            awaitTermination(streamPool, stop);
            Load.closeArrow(allocator);
        }
    }

    private static void awaitTermination(ExecutorService pool, Runnable stop) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            do {
                stop.run();
                if (pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } while (System.nanoTime() < deadline);
            throw new InfrastructureException("BigQuery read threads did not stop within 2 minutes", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void readTableStorage(
            BigQueryClients clients,
            TableRead read,
            Instant snapshot,
            BufferAllocator allocator,
            ExecutorService pool,
            BatchSink sink,
            Queue<StorageStreamReader> open,
            Consumer<String> log) {
        long start = System.nanoTime();
        ReadSession.Builder session = ReadSession.newBuilder().setDataFormat(DataFormat.ARROW);
        String how;
        if (read.direct()) {
            session.setTable(read.tablePath(spec))
                    .setTableModifiers(ReadSession.TableModifiers.newBuilder()
                            .setSnapshotTime(Timestamp.newBuilder()
                                    .setSeconds(snapshot.getEpochSecond())
                                    .setNanos(snapshot.getNano())))
                    .setReadOptions(ReadSession.TableReadOptions.newBuilder()
                            .addAllSelectedFields(read.columns())
                            .setRowRestriction(read.rowRestriction()));
            how = "direct";
        } else {
            TableId result = runQuery(clients, read);
            session.setTable("projects/" + result.getProject() + "/datasets/" + result.getDataset() + "/tables/"
                    + result.getTable());
            how = "query result";
        }
        ReadSession created;
        try {
            created = clients.read.createReadSession(CreateReadSessionRequest.newBuilder()
                    .setParent("projects/" + spec.billingProject())
                    .setReadSession(session)
                    .setMaxStreamCount(spec.streamsPerTable())
                    .build());
        } catch (com.google.api.gax.rpc.ApiException e) {
            throw BigQueryErrors.translate(e, read.table(), spec);
        }
        if (created.getStreamsCount() == 0) {
            log.accept(String.format(
                    Locale.ROOT,
                    "  %s: Storage Read (%s): no rows",
                    read.table().sqlName(),
                    how));
            return;
        }
        Schema schema = schema(created);
        BigQueryErrors.checkSchema(read.table(), read.columns(), schema);
        List<StorageStreamReader> readers = new ArrayList<>();
        List<Future<Long>> loads = new ArrayList<>();
        for (ReadStream stream : created.getStreamsList()) {
            StorageStreamReader reader = new StorageStreamReader(
                    allocator.newChildAllocator(stream.getName(), 0, Long.MAX_VALUE),
                    clients.read,
                    stream.getName(),
                    schema,
                    spec.maxAttempts());
            readers.add(reader);
            open.add(reader);
        }
        // The first stream loads on this thread, the others on the stream pool.
        for (int i = 1; i < readers.size(); i++) {
            StorageStreamReader reader = readers.get(i);
            loads.add(pool.submit(() -> loadStream(sink, read, reader)));
        }
        long rows = loadStream(sink, read, readers.get(0));
        for (Future<Long> load : loads) {
            rows += await(load);
        }
        long bytes = readers.stream().mapToLong(StorageStreamReader::bytes).sum();
        int resumes = readers.stream().mapToInt(StorageStreamReader::resumes).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(
                Locale.ROOT,
                "  %s: Storage Read API (Arrow, %s, %d stream%s): %,d rows in %.2f s, %,.0f rows/s, %.1f MB/s%s",
                read.table().sqlName(),
                how,
                readers.size(),
                readers.size() == 1 ? "" : "s",
                rows,
                seconds,
                rows / Math.max(seconds, 1e-9),
                bytes / 1e6 / Math.max(seconds, 1e-9),
                resumes == 0 ? "" : ", resumed " + resumes + "×"));
    }

    private long loadStream(BatchSink sink, TableRead read, StorageStreamReader reader) {
        try {
            return sink.acceptArrow(read.table(), read.columns(), reader);
        } catch (EcommerceException e) {
            reader.closeAllocator();
            RuntimeException cause = reader.failure();
            if (cause instanceof com.google.api.gax.rpc.ApiException api) {
                throw BigQueryErrors.translate(api, read.table(), spec);
            }
            throw e;
        } finally {
            reader.closeAllocator();
        }
    }

    private static Schema schema(ReadSession session) {
        byte[] serialized = session.getArrowSchema().getSerializedSchema().toByteArray();
        try {
            return MessageSerializer.deserializeSchema(
                    new ReadChannel(Channels.newChannel(new ByteArrayInputStream(serialized))));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot decode the Arrow schema of a read session", e);
        }
    }

    /** Runs a table's query with the byte cap set on the job, and returns its result table. */
    private TableId runQuery(BigQueryClients clients, TableRead read) {
        return ((QueryJobConfiguration) runJob(clients, read).getConfiguration()).getDestinationTable();
    }

    /**
     * Runs a table's query job to completion, with the byte cap on the job. The job id is fixed before the
     * first attempt, so a retried insert that had in fact succeeded finds its job instead of a duplicate.
     */
    private Job runJob(BigQueryClients clients, TableRead read) {
        QueryJobConfiguration.Builder query =
                QueryJobConfiguration.newBuilder(read.query()).setUseLegacySql(false);
        if (spec.maxBytesBilled() != null) {
            query.setMaximumBytesBilled(spec.maxBytesBilled());
        }
        JobId id = JobId.of("ecommerce_" + UUID.randomUUID().toString().replace("-", "_"));
        try {
            Job job = Retry.call(spec.maxAttempts(), () -> {
                try {
                    return clients.bigQuery.create(JobInfo.of(id, query.build()));
                } catch (BigQueryException e) {
                    if (e.getCode() == 409) { // an earlier attempt created it
                        return clients.bigQuery.getJob(id);
                    }
                    throw e;
                }
            });
            Job done = Retry.call(spec.maxAttempts(), () -> {
                try {
                    return job.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InfrastructureException(
                            "Interrupted while querying " + read.table().sqlName(), e);
                }
            });
            if (done == null) {
                throw new InfrastructureException(
                        "The query job of " + read.table().sqlName() + " disappeared", null);
            }
            if (done.getStatus().getError() != null) {
                throw BigQueryErrors.translate(done.getStatus().getError(), read.table(), spec);
            }
            return done;
        } catch (BigQueryException e) {
            throw BigQueryErrors.translate(e, read.table(), spec);
        }
    }

    private void readRest(BigQueryClients clients, TableRead read, Consumer<TableBatch> rows, Consumer<String> log) {
        long start = System.nanoTime();
        Table table = read.table();
        int[] target = read.columns().stream().mapToInt(table::columnIndex).toArray();
        int[] unselected = table.columns().stream()
                .filter(c -> !read.columns().contains(c.name()))
                .mapToInt(c -> table.columnIndex(c.name()))
                .toArray();
        ColumnType[] types = new ColumnType[target.length];
        for (int i = 0; i < target.length; i++) {
            types[i] = table.columns().get(target[i]).type();
        }
        long total = 0;
        try {
            Job job = runJob(clients, read);
            TableResult page = Retry.call(spec.maxAttempts(), () -> {
                try {
                    return job.getQueryResults(
                            com.google.cloud.bigquery.BigQuery.QueryResultsOption.pageSize(REST_PAGE_ROWS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InfrastructureException("Interrupted while reading " + table.sqlName(), e);
                }
            });
            while (page != null) {
                TableBatch batch = new TableBatch(table, REST_PAGE_ROWS);
                for (FieldValueList values : page.getValues()) {
                    int row = batch.addRow();
                    for (int c : unselected) {
                        batch.setNull(c, row);
                    }
                    for (int i = 0; i < target.length; i++) {
                        set(batch, target[i], types[i], row, values.get(i));
                    }
                }
                if (batch.size() > 0) {
                    rows.accept(batch);
                    total += batch.size();
                }
                TableResult current = page;
                // Retrying the same page object asks for the same page token again: no row twice.
                page = current.hasNextPage() ? Retry.call(spec.maxAttempts(), current::getNextPage) : null;
            }
        } catch (BigQueryException e) {
            throw BigQueryErrors.translate(e, table, spec);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(
                Locale.ROOT,
                "  %s: REST paging (getQueryResults): %,d rows in %.2f s, %,.0f rows/s",
                table.sqlName(),
                total,
                seconds,
                total / Math.max(seconds, 1e-9)));
    }

    private static void set(TableBatch batch, int column, ColumnType type, int row, FieldValue value) {
        if (value == null || value.isNull()) {
            batch.setNull(column, row);
            return;
        }
        switch (type) {
            case BIGINT -> batch.setLong(column, row, value.getLongValue());
            case DOUBLE -> batch.setDouble(column, row, value.getDoubleValue());
            case VARCHAR -> batch.setString(column, row, value.getStringValue());
            case TIMESTAMPTZ -> batch.setMicros(column, row, value.getTimestampValue());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while reading BigQuery", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new InfrastructureException("Reading BigQuery failed: " + e.getCause(), e.getCause());
        }
    }

    static String human(long bytes) {
        return dev.ecommerce.core.io.Sizes.human(bytes);
    }
}
