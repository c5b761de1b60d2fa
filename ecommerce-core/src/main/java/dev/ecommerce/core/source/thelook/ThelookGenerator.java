package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.schema.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Generates the seven thelook tables as {@code ../shared/thelook/README.md} describes them.
 *
 * <p>Work is cut into blocks (a range of users, or a range of anonymous sessions). Every entity draws from
 * its own random stream, so a block's rows depend only on the seed and the block's range; blocks are
 * generated on worker threads with local ids and handed on strictly in order, and ids become global when
 * a block is handed on. The result is identical whatever the thread count.
 *
 * <p>An incremental window costs little more than its rows: rows outside it are still drawn (a block's later
 * rows and every id depend on them) but never filled in, so the world's text (names, addresses, session ids,
 * product copies) is only put together for the rows handed on, and the rows are the very ones of the whole
 * world, in the same order.
 */
public final class ThelookGenerator {

    static final int USERS_PER_BLOCK = 2_000;
    static final int SESSIONS_PER_BLOCK = 10_000;
    static final int ANONYMOUS_SESSIONS_PER_USER = 5;
    private static final Set<Table> PER_USER_TABLES =
            Set.of(Table.USERS, Table.ORDERS, Table.ORDER_ITEMS, Table.INVENTORY_ITEMS, Table.EVENTS);

    private final GeneratorSpec spec;
    private final long anchorMicros; // the world's anchor, where the documented sizes and ratios hold
    private final long asOfMicros; // the dataset's date: what the world holds before it
    private final long laterUserSlot; // after the world's anchor, one new user per slot (micros)
    private final long laterUsers;

    public ThelookGenerator(GeneratorSpec spec) {
        this.spec = spec;
        this.anchorMicros = micros(GeneratorSpec.DEFAULT_ANCHOR);
        this.asOfMicros = micros(spec.anchorDate());
        // Users keep signing up at the world's base rate (97.5% of them spread evenly since 2019).
        this.laterUserSlot = Math.max(
                UserGenerator.SECOND, Math.round((anchorMicros - UserGenerator.EPOCH_2019) / (0.975 * spec.users())));
        this.laterUsers =
                asOfMicros > anchorMicros ? (asOfMicros - anchorMicros + laterUserSlot - 1) / laterUserSlot : 0;
    }

    static long micros(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    /** Generates the requested tables into {@code sink}, in row order per table. */
    public void generate(Set<Table> tables, Consumer<TableBatch> sink) {
        generate(tables, sink, table -> {});
    }

    /**
     * Generates the requested tables into {@code sink}, in row order per table, and tells {@code ended} as soon
     * as a table has no more rows to come (products long before events), each requested table exactly once.
     */
    public void generate(Set<Table> tables, Consumer<TableBatch> sink, Consumer<Table> ended) {
        generate(tables, Map.of(), sink, ended);
    }

    /**
     * As {@link #generate(Set, Consumer, Consumer)}, with only the rows in each table's window in
     * {@code windows} (an increment's or a backfill chunk's; products and distribution centres come whole).
     */
    public void generate(
            Set<Table> tables, Map<Table, Window> windows, Consumer<TableBatch> sink, Consumer<Table> ended) {
        // Windows over created_at cut the work early; a window over another column filters the rows made.
        Map<Table, Instant> since = new EnumMap<>(Table.class);
        Map<Table, Instant> until = new EnumMap<>(Table.class);
        Map<Table, Window> other = new EnumMap<>(Table.class);
        windows.forEach((table, window) -> {
            if (window.column().equals("created_at")) {
                since.put(table, window.from());
                if (window.until() != null) {
                    until.put(table, window.until());
                }
            } else {
                other.put(table, window);
            }
        });
        Consumer<TableBatch> filtered = other.isEmpty()
                ? sink
                : batch -> {
                    Window window = other.get(batch.table());
                    if (window != null) {
                        batch.retainWithin(
                                batch.table().columnIndex(window.column()),
                                micros(window.from()),
                                window.until() == null ? Long.MAX_VALUE : micros(window.until()));
                    }
                    sink.accept(batch);
                };
        generate(tables, since, until, filtered, ended);
    }

    /**
     * As {@link #generate(Set, Consumer, Consumer)}, with per table in {@code since} only the rows created at or
     * after its instant, and per table in {@code until} only those created before its instant (an exclusive upper
     * bound; the dataset's date bounds every table anyway).
     */
    void generate(
            Set<Table> tables,
            Map<Table, Instant> since,
            Map<Table, Instant> until,
            Consumer<TableBatch> sink,
            Consumer<Table> ended) {
        RowWindow window = RowWindow.of(tables, since, until, asOfMicros);
        Set<Table> open = EnumSet.copyOf(tables);
        Consumer<Table> end = table -> {
            if (open.remove(table)) {
                ended.accept(table);
            }
        };
        ReferenceData data = ReferenceData.load(spec.seed());
        if (tables.contains(Table.DISTRIBUTION_CENTERS)) {
            sink.accept(distributionCenters(data));
            end.accept(Table.DISTRIBUTION_CENTERS);
        }
        if (tables.contains(Table.PRODUCTS)) {
            sink.accept(products(data));
            end.accept(Table.PRODUCTS);
        }
        generatePerUser(data, tables, window, sink, end);
        List.copyOf(open).forEach(end);
    }

    private void generatePerUser(
            ReferenceData data, Set<Table> tables, RowWindow window, Consumer<TableBatch> sink, Consumer<Table> end) {
        boolean perUser = tables.stream().anyMatch(PER_USER_TABLES::contains);
        if (!perUser) {
            return;
        }
        int users = spec.users();
        long sessions = (long) users * ANONYMOUS_SESSIONS_PER_USER;
        int userBlocks = (users + USERS_PER_BLOCK - 1) / USERS_PER_BLOCK;
        long sessionBlocks =
                tables.contains(Table.EVENTS) ? (sessions + SESSIONS_PER_BLOCK - 1) / SESSIONS_PER_BLOCK : 0;
        long laterBlocks = (laterUsers + USERS_PER_BLOCK - 1) / USERS_PER_BLOCK;
        long totalBlocks = userBlocks + sessionBlocks + laterBlocks;

        Map<Table, Long> offsets = new EnumMap<>(Table.class);
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), runnable -> {
            Thread thread = new Thread(runnable, "thelook-generator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<Block>> inFlight = new ArrayDeque<>();
            long next = 0;
            long done = 0;
            int maxInFlight = spec.threads() * 2;
            while (next < totalBlocks || !inFlight.isEmpty()) {
                while (next < totalBlocks && inFlight.size() < maxInFlight) {
                    long index = next++;
                    inFlight.add(pool.submit(() -> index < userBlocks
                            ? userBlock(data, window, (int) index, users)
                            : index < userBlocks + sessionBlocks
                                    ? sessionBlock(data, window, index - userBlocks, sessions)
                                    : laterBlock(data, window, index - userBlocks - sessionBlocks, users)));
                }
                Block block = await(inFlight.removeFirst());
                block.globalize(offsets); // ids count every row of the world, so they never change with the date
                for (TableBatch batch : block.batches().values()) {
                    if (tables.contains(batch.table())) {
                        sink.accept(batch); // holds only the window's rows (see RowWindow)
                    }
                }
                if (++done == userBlocks && laterBlocks == 0) { // anonymous sessions, still to come, add events only
                    PER_USER_TABLES.stream().filter(t -> t != Table.EVENTS).forEach(end);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long micros(Instant instant) {
        return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Block await(Future<Block> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while generating thelook data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new InfrastructureException("Generating thelook data failed", e.getCause());
        }
    }

    private Block userBlock(ReferenceData data, RowWindow window, int blockIndex, int users) {
        int first = blockIndex * USERS_PER_BLOCK + 1;
        int last = Math.min(users, first + USERS_PER_BLOCK - 1);
        UserGenerator generator = new UserGenerator(
                data, window, anchorMicros, asOfMicros, last - first + 1, UserGenerator.EPOCH_2019, anchorMicros);
        for (int userId = first; userId <= last; userId++) {
            generator.user(userId, Streams.of(spec.seed(), Streams.USER, userId));
        }
        return generator.block();
    }

    /**
     * Users who sign up after the world's anchor, one per slot, each followed by the anonymous sessions of its
     * slot (five per user, as before the anchor), so that a later date only appends rows.
     */
    private Block laterBlock(ReferenceData data, RowWindow window, long blockIndex, int users) {
        long first = blockIndex * USERS_PER_BLOCK;
        long end = Math.min(laterUsers, first + USERS_PER_BLOCK);
        UserGenerator generator = new UserGenerator(
                data,
                window,
                anchorMicros,
                asOfMicros,
                (int) (end - first),
                anchorMicros + first * laterUserSlot,
                anchorMicros + end * laterUserSlot + UserGenerator.LATER_ORDER_SPAN);
        long sessionSlot = laterUserSlot / ANONYMOUS_SESSIONS_PER_USER;
        for (long j = first; j < end; j++) {
            long userId = users + 1 + j;
            long slotStart = anchorMicros + j * laterUserSlot;
            generator.laterUser(userId, Streams.of(spec.seed(), Streams.USER, userId), slotStart, laterUserSlot);
            for (int i = 0; i < ANONYMOUS_SESSIONS_PER_USER; i++) {
                long session = (long) users * ANONYMOUS_SESSIONS_PER_USER + j * ANONYMOUS_SESSIONS_PER_USER + i;
                generator.anonymousSession(
                        Streams.of(spec.seed(), Streams.ANONYMOUS_SESSION, session),
                        slotStart + i * sessionSlot,
                        sessionSlot);
            }
        }
        return generator.block();
    }

    private Block sessionBlock(ReferenceData data, RowWindow window, long blockIndex, long sessions) {
        long first = blockIndex * SESSIONS_PER_BLOCK;
        long end = Math.min(sessions, first + SESSIONS_PER_BLOCK);
        AnonymousSessionGenerator generator =
                new AnonymousSessionGenerator(data, window, anchorMicros, (int) (end - first));
        for (long session = first; session < end; session++) {
            generator.session(Streams.of(spec.seed(), Streams.ANONYMOUS_SESSION, session));
        }
        return generator.block();
    }

    private static TableBatch distributionCenters(ReferenceData data) {
        TableBatch batch = new TableBatch(Table.DISTRIBUTION_CENTERS, data.distributionCenters.size());
        for (ReferenceData.DistributionCenter dc : data.distributionCenters) {
            int row = batch.addRow();
            batch.setLong(0, row, dc.id());
            batch.setString(1, row, dc.name());
            batch.setDouble(2, row, dc.latitude());
            batch.setDouble(3, row, dc.longitude());
            batch.setString(4, row, ReferenceData.point(dc.longitude(), dc.latitude()));
        }
        return batch;
    }

    private static TableBatch products(ReferenceData data) {
        TableBatch batch = new TableBatch(Table.PRODUCTS, data.products.length);
        for (ReferenceData.Product p : data.products) {
            int row = batch.addRow();
            batch.setLong(0, row, p.id());
            p.writeDetails(batch, row, 1);
        }
        return batch;
    }
}
