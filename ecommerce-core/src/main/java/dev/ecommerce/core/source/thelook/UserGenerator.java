package dev.ecommerce.core.source.thelook;

import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.source.thelook.ReferenceData.Place;
import dev.ecommerce.core.source.thelook.ReferenceData.Product;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One block of users with everything they cause: their orders, order items, inventory and purchase
 * sessions. All draws for a user come from that user's own stream, in a fixed order. Every row is drawn and
 * counted (block-local ids count the world's rows), but only the rows the window keeps are written: the text of
 * a row outside it (names, emails, addresses, session ids) is never put together.
 */
final class UserGenerator {

    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final long EPOCH_2019 = ThelookGenerator.micros(java.time.LocalDate.of(2019, 1, 1));
    static final long EPOCH_2020 = ThelookGenerator.micros(java.time.LocalDate.of(2020, 1, 1));

    static final String[] USER_TRAFFIC = {"Search", "Organic", "Facebook", "Email", "Display"};
    static final double[] USER_TRAFFIC_W = Streams.cumulative(70, 15, 6, 5, 4);
    static final String[] STATUS = {"Complete", "Cancelled", "Returned", "Processing", "Shipped"};
    static final double[] STATUS_W = Streams.cumulative(25, 15, 10, 20, 30);
    static final double[] ORDERS_PER_USER_W = Streams.cumulative(20, 50, 20, 5, 5);
    static final double[] ITEMS_PER_ORDER_W = Streams.cumulative(70, 20, 5, 5);
    static final double[] UNSOLD_INVENTORY_W = Streams.cumulative(50, 30, 20);
    static final String[] DOMAINS = {"@example.com", "@example.net", "@example.org"};
    static final String[] STREET_NAMES = {
        "Main",
        "Oak",
        "Pine",
        "Maple",
        "Cedar",
        "Elm",
        "Washington",
        "Lake",
        "Hill",
        "Park",
        "Sunset",
        "River",
        "Church",
        "Mill",
        "Spring",
        "Forest",
        "Meadow",
        "Highland",
        "Bridge",
        "Garden"
    };
    static final String[] STREET_SUFFIXES = {"Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way"};

    /** How long after signup a user who signs up after the world's anchor places their orders. */
    static final long LATER_ORDER_SPAN = 30 * DAY;

    private final ReferenceData data;
    private final RowWindow window;
    private final long anchor; // the world's anchor: where the documented sizes and ratios hold
    private final long asOf; // the dataset's date: fulfilment after it has not happened yet
    private final TableBatch users;
    private final TableBatch orders;
    private final TableBatch items;
    private final TableBatch inventory;
    private final TableBatch events;
    private final SessionWriter sessions;
    private final Product[] basket = new Product[4];
    private int usersMade; // rows of the world so far in this block, written or not
    private int ordersMade;
    private int itemsMade;
    private int inventoryMade;

    /**
     * A block of {@code userCount} users whose rows are created about within {@code [spanStart, spanEnd)} (what
     * the batches' first capacity is guessed from).
     */
    UserGenerator(
            ReferenceData data,
            RowWindow window,
            long anchorMicros,
            long asOfMicros,
            int userCount,
            long spanStart,
            long spanEnd) {
        this.data = data;
        this.window = window;
        this.anchor = anchorMicros;
        this.asOf = asOfMicros;
        this.users = new TableBatch(Table.USERS, window.capacity(Table.USERS, userCount, spanStart, spanEnd));
        this.orders =
                new TableBatch(Table.ORDERS, window.capacity(Table.ORDERS, userCount * 5 / 4 + 16, spanStart, spanEnd));
        this.items = new TableBatch(
                Table.ORDER_ITEMS, window.capacity(Table.ORDER_ITEMS, userCount * 2, spanStart, spanEnd));
        this.inventory = new TableBatch(
                Table.INVENTORY_ITEMS, window.capacity(Table.INVENTORY_ITEMS, userCount * 5, spanStart, spanEnd));
        this.events = new TableBatch(Table.EVENTS, window.capacity(Table.EVENTS, userCount * 14, spanStart, spanEnd));
        this.sessions = new SessionWriter(data, window, events);
    }

    Block block() {
        Map<Table, Long> made = new EnumMap<>(Table.class);
        made.put(Table.USERS, (long) usersMade);
        made.put(Table.ORDERS, (long) ordersMade);
        made.put(Table.ORDER_ITEMS, (long) itemsMade);
        made.put(Table.INVENTORY_ITEMS, (long) inventoryMade);
        made.put(Table.EVENTS, sessions.made());
        return Block.of(made, users, orders, items, inventory, events);
    }

    /** A user of the world as of its anchor: signed up since 2019, ordering until the anchor. */
    void user(long userId, SplittableRandom r) {
        user(userId, r, Long.MIN_VALUE, 0);
    }

    /**
     * A user who signs up after the world's anchor, in the slot {@code [slotStart, slotStart + slotLength)} (users
     * keep arriving at the world's base rate), ordering within {@link #LATER_ORDER_SPAN} of signing up.
     */
    void laterUser(long userId, SplittableRandom r, long slotStart, long slotLength) {
        user(userId, r, slotStart, slotLength);
    }

    /** An anonymous session that starts in {@code [from, from + span)}. */
    void anonymousSession(SplittableRandom r, long from, long span) {
        sessions.anonymousSession(r, from, span);
    }

    private void user(long userId, SplittableRandom r, long slotStart, long slotLength) {
        boolean later = slotStart != Long.MIN_VALUE;
        boolean male = r.nextBoolean();
        String gender = male ? "M" : "F";
        String[] firstNames = male ? data.maleFirstNames : data.femaleFirstNames;
        String first = firstNames[r.nextInt(firstNames.length)];
        String last = data.lastNames[r.nextInt(data.lastNames.length)];
        String traffic = USER_TRAFFIC[Streams.weighted(r, USER_TRAFFIC_W)];
        long placeDraw = data.drawPlace(r);
        String domain = DOMAINS[r.nextInt(DOMAINS.length)];
        int age = 12 + r.nextInt(59);
        long createdAt = later ? slotStart + r.nextLong(Math.max(1, slotLength / SECOND)) * SECOND : signupTime(r);
        int houseNumber = 1 + r.nextInt(9999);
        String streetName = STREET_NAMES[r.nextInt(STREET_NAMES.length)];
        String streetSuffix = STREET_SUFFIXES[r.nextInt(STREET_SUFFIXES.length)];

        usersMade++;
        if (window.keeps(Table.USERS, createdAt)) {
            int placeIndex = data.placeAt(placeDraw);
            Place place = data.places[placeIndex];
            int row = users.addRow();
            users.setLong(0, row, userId);
            users.setString(1, row, first);
            users.setString(2, row, last);
            users.setString(
                    3, row, (first + last).toLowerCase(java.util.Locale.ROOT).replace(" ", "") + domain);
            users.setLong(4, row, age);
            users.setString(5, row, gender);
            users.setString(6, row, place.state());
            users.setString(7, row, houseNumber + " " + streetName + " " + streetSuffix);
            users.setString(8, row, place.postalCode());
            users.setString(9, row, place.city());
            users.setString(10, row, place.country());
            users.setDouble(11, row, place.latitude());
            users.setDouble(12, row, place.longitude());
            users.setString(13, row, traffic);
            users.setMicros(14, row, createdAt);
            users.setString(15, row, data.placeGeoms[placeIndex]);
        }

        int orderCount = Streams.weighted(r, ORDERS_PER_USER_W);
        Product[] department = male ? data.menProducts : data.womenProducts;
        for (int o = 0; o < orderCount; o++) {
            order(userId, gender, placeDraw, createdAt, later, department, r);
        }
    }

    /** 97.5% uniform since 2019-01-01 with a time of day 00:00-18:59; 2.5% within the last 7 days. */
    private long signupTime(SplittableRandom r) {
        if (r.nextDouble() < 0.025) {
            return anchor - 7 * DAY + r.nextLong(7 * DAY / SECOND) * SECOND;
        }
        long days = (anchor - EPOCH_2019) / DAY;
        return EPOCH_2019 + r.nextLong(days) * DAY + r.nextLong(19 * 3600) * SECOND;
    }

    private void order(
            long userId,
            String gender,
            long placeDraw,
            long signup,
            boolean later,
            Product[] department,
            SplittableRandom r) {
        String fate = STATUS[Streams.weighted(r, STATUS_W)];
        // A later user's rows all lie after its signup (its purchase session's events start up to 48 min before the
        // order), so that a later date only adds rows created on it.
        long earliest = later ? signup + HOUR : signup;
        long span = later ? LATER_ORDER_SPAN : anchor - signup;
        long createdAt = earliest + r.nextLong(Math.max(1, span / SECOND)) * SECOND;
        long shippedAt = createdAt + r.nextLong(3 * 24 * 60) * MINUTE;
        long deliveredAt = shippedAt + r.nextLong(5 * 24 * 60) * MINUTE;
        long returnedAt = deliveredAt + r.nextLong(3 * 24 * 60) * MINUTE;
        // The order as the shop's database shows it on the dataset's date: what has not happened yet is not
        // there (an order bound to be delivered is still Shipped, or Processing, until then).
        boolean shipped =
                (fate.equals("Complete") || fate.equals("Returned") || fate.equals("Shipped")) && shippedAt < asOf;
        boolean delivered = (fate.equals("Complete") || fate.equals("Returned")) && deliveredAt < asOf;
        boolean returned = fate.equals("Returned") && returnedAt < asOf;
        String status = returned
                ? "Returned"
                : delivered ? "Complete" : shipped ? "Shipped" : fate.equals("Cancelled") ? "Cancelled" : "Processing";
        int itemCount = 1 + Streams.weighted(r, ITEMS_PER_ORDER_W);

        long orderId = ++ordersMade; // block-local, see Block
        if (window.keeps(Table.ORDERS, createdAt)) {
            int orderRow = orders.addRow();
            orders.setLong(0, orderRow, orderId);
            orders.setLong(1, orderRow, userId);
            orders.setString(2, orderRow, status);
            orders.setString(3, orderRow, gender);
            orders.setMicros(4, orderRow, createdAt);
            setTime(orders, 5, orderRow, returned, returnedAt);
            setTime(orders, 6, orderRow, shipped, shippedAt);
            setTime(orders, 7, orderRow, delivered, deliveredAt);
            orders.setLong(8, orderRow, itemCount);
        }

        for (int i = 0; i < itemCount; i++) {
            basket[i] = department[r.nextInt(department.length)];
        }
        for (int i = 0; i < itemCount; i++) {
            Product product = basket[i];
            long soldInventoryId = inventoryMade + 1;
            long stocked = later ? Math.min(60 * DAY, createdAt - signup) : 60 * DAY;
            inventoryRow(product, createdAt - r.nextLong(Math.max(1, stocked / SECOND)) * SECOND, createdAt);
            int unsold = 1 + Streams.weighted(r, UNSOLD_INVENTORY_W);
            for (int u = 0; u < unsold; u++) {
                long from = later ? signup : EPOCH_2020; // a later user's stock arrives between signup and order
                long until = later ? createdAt : anchor;
                inventoryRow(product, from + r.nextLong(Math.max(1, (until - from) / SECOND)) * SECOND, Long.MIN_VALUE);
            }

            long itemId = ++itemsMade;
            if (window.keeps(Table.ORDER_ITEMS, createdAt)) {
                int itemRow = items.addRow();
                items.setLong(0, itemRow, itemId);
                items.setLong(1, itemRow, orderId);
                items.setLong(2, itemRow, userId);
                items.setLong(3, itemRow, product.id());
                items.setLong(4, itemRow, soldInventoryId);
                items.setString(5, itemRow, status);
                items.setMicros(6, itemRow, createdAt);
                setTime(items, 7, itemRow, shipped, shippedAt);
                setTime(items, 8, itemRow, delivered, deliveredAt);
                setTime(items, 9, itemRow, returned, returnedAt);
                items.setDouble(10, itemRow, product.retailPrice());
            }

            sessions.purchaseSession(r, userId, placeDraw, basket, itemCount, createdAt);
        }
    }

    private void inventoryRow(Product product, long createdAt, long soldAt) {
        long id = ++inventoryMade;
        if (!window.keeps(Table.INVENTORY_ITEMS, createdAt)) {
            return;
        }
        int row = inventory.addRow();
        inventory.setLong(0, row, id);
        inventory.setLong(1, row, product.id());
        inventory.setMicros(2, row, createdAt);
        setTime(inventory, 3, row, soldAt != Long.MIN_VALUE && soldAt < asOf, soldAt);
        product.writeDetails(inventory, row, 4);
    }

    private static void setTime(TableBatch batch, int column, int row, boolean present, long micros) {
        if (present) {
            batch.setMicros(column, row, micros);
        } else {
            batch.setNull(column, row);
        }
    }
}
