package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import java.util.Map;
import java.util.SplittableRandom;

/** One block of anonymous browsing sessions (events with NULL user_id), generated after all users. */
final class AnonymousSessionGenerator {

    private final long anchor;
    private final TableBatch events;
    private final SessionWriter writer;

    AnonymousSessionGenerator(ReferenceData data, RowWindow window, long anchorMicros, int sessions) {
        this.anchor = anchorMicros;
        this.events = new TableBatch(
                Table.EVENTS, window.capacity(Table.EVENTS, sessions * 9 / 4 + 16, UserGenerator.EPOCH_2019, anchor));
        this.writer = new SessionWriter(data, window, events);
    }

    void session(SplittableRandom random) {
        writer.anonymousSession(random, UserGenerator.EPOCH_2019, anchor - UserGenerator.EPOCH_2019);
    }

    Block block() {
        return Block.of(Map.of(Table.EVENTS, writer.made()), events);
    }
}
