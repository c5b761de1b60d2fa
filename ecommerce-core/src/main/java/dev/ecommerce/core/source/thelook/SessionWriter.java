package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.source.thelook.ReferenceData.Place;
import dev.ecommerce.core.source.thelook.ReferenceData.Product;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Writes browsing sessions into the events batch: purchase sessions of users and anonymous sessions. Every event
 * is drawn and counted (its block-local id), but only those the window keeps are written.
 */
final class SessionWriter {

    static final String[] BROWSERS = {"Chrome", "Safari", "Firefox", "IE", "Other"};
    static final double[] BROWSERS_W = Streams.cumulative(50, 20, 20, 5, 5);
    static final String[] EVENT_TRAFFIC = {"Email", "Adwords", "YouTube", "Facebook", "Organic"};
    static final double[] EVENT_TRAFFIC_W = Streams.cumulative(45, 30, 10, 10, 5);

    /** An anonymous session's events are spaced by less than this. */
    private static final long ANONYMOUS_EVENT_GAP = 30 * UserGenerator.MINUTE;

    private static final byte HOME = 0, DEPARTMENT = 1, PRODUCT = 2, CART = 3, PURCHASE = 4, CANCEL = 5;
    private static final String[] EVENT_TYPES = {"home", "department", "product", "cart", "purchase", "cancel"};
    private static final String[] FIXED_URIS = {"/home", null, null, "/cart", "/purchase", "/cancel"};
    /** The four anonymous session shapes, chosen uniformly. */
    private static final byte[][] ANONYMOUS_SHAPES = {
        {PRODUCT, CART, CANCEL}, {DEPARTMENT, PRODUCT, CART}, {PRODUCT}, {DEPARTMENT, PRODUCT}
    };

    private final ReferenceData data;
    private final RowWindow window;
    private final TableBatch events;
    private int made; // events of the world so far in this block, written or not
    private final byte[] types = new byte[16];
    private final Product[] products = new Product[16];
    private final long[] times = new long[16];

    SessionWriter(ReferenceData data, RowWindow window, TableBatch events) {
        this.data = data;
        this.window = window;
        this.events = events;
    }

    /** The events of the world this writer made, written or not. */
    long made() {
        return made;
    }

    /**
     * One purchase session per order item. As in the real generator, a 1-item order gives home,
     * department, product, cart, purchase; an n-item order gives n × (department, product, cart), then
     * purchase. Events are spaced by U[0, 180 s) and end with the purchase at the order's time.
     */
    void purchaseSession(
            SplittableRandom r, long userId, long placeDraw, Product[] basket, int itemCount, long purchaseAt) {
        int n = 0;
        if (itemCount == 1) {
            n = add(n, HOME, null);
            n = add(n, DEPARTMENT, basket[0]);
            n = add(n, PRODUCT, basket[0]);
            n = add(n, CART, null);
        } else {
            for (int i = 0; i < itemCount; i++) {
                n = add(n, DEPARTMENT, basket[i]);
                n = add(n, PRODUCT, basket[i]);
                n = add(n, CART, null);
            }
        }
        n = add(n, PURCHASE, null);
        long at = purchaseAt;
        for (int i = n - 1; i >= 0; i--) {
            times[i] = at;
            at -= r.nextLong(180) * UserGenerator.SECOND;
        }
        write(r, userId, placeDraw, n);
    }

    /**
     * One anonymous session: a random place, a start in {@code [from, from + span)} and a shape; events spaced by
     * U[0, 30 min). The session has a stream of its own, so when none of its events can lie in the window it is
     * only counted, and the rest of its draws are never made.
     */
    void anonymousSession(SplittableRandom r, long from, long span) {
        long placeDraw = data.drawPlace(r);
        long start = from + r.nextLong(Math.max(1, span / UserGenerator.SECOND)) * UserGenerator.SECOND;
        byte[] shape = ANONYMOUS_SHAPES[r.nextInt(ANONYMOUS_SHAPES.length)];
        if (!window.keepsAny(Table.EVENTS, start, start + shape.length * ANONYMOUS_EVENT_GAP)) {
            made += shape.length;
            return;
        }
        Product product = data.products[r.nextInt(data.products.length)];
        long at = start;
        for (int i = 0; i < shape.length; i++) {
            at += r.nextLong(ANONYMOUS_EVENT_GAP / UserGenerator.SECOND) * UserGenerator.SECOND;
            types[i] = shape[i];
            products[i] = product;
            times[i] = at;
        }
        write(r, Long.MIN_VALUE, placeDraw, shape.length);
    }

    private int add(int n, byte type, Product product) {
        types[n] = type;
        products[n] = product;
        return n + 1;
    }

    private void write(SplittableRandom r, long userId, long placeDraw, int n) {
        // The session's draws come first, whether any of its events is written or not.
        long mostSignificant = (r.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String browser = BROWSERS[Streams.weighted(r, BROWSERS_W)];
        String traffic = EVENT_TRAFFIC[Streams.weighted(r, EVENT_TRAFFIC_W)];
        int ip1 = 1 + r.nextInt(254);
        int ip2 = r.nextInt(256);
        int ip3 = r.nextInt(256);
        int ip4 = 1 + r.nextInt(254);
        String sessionId = null;
        String ip = null;
        Place place = null;
        for (int i = 0; i < n; i++) {
            long id = ++made; // block-local, see Block
            if (!window.keeps(Table.EVENTS, times[i])) {
                continue;
            }
            if (sessionId == null) {
                sessionId = new UUID(mostSignificant, leastSignificant).toString();
                ip = ip1 + "." + ip2 + "." + ip3 + "." + ip4;
                place = data.places[data.placeAt(placeDraw)];
            }
            int row = events.addRow();
            events.setLong(0, row, id);
            if (userId == Long.MIN_VALUE) {
                events.setNull(1, row);
            } else {
                events.setLong(1, row, userId);
            }
            events.setLong(2, row, i + 1);
            events.setString(3, row, sessionId);
            events.setMicros(4, row, times[i]);
            events.setString(5, row, ip);
            events.setString(6, row, place.city());
            events.setString(7, row, place.state());
            events.setString(8, row, place.postalCode());
            events.setString(9, row, browser);
            events.setString(10, row, traffic);
            byte type = types[i];
            String uri = switch (type) {
                case DEPARTMENT -> products[i].departmentUri();
                case PRODUCT -> products[i].productUri();
                default -> FIXED_URIS[type];
            };
            events.setString(11, row, uri);
            events.setString(12, row, EVENT_TYPES[type]);
        }
    }
}
