package dev.ecommerce.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LoadMode;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.schema.Increment;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.Window;
import dev.ecommerce.core.warehouse.TableOrigin;
import dev.ecommerce.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps one warehouse from mixing tables of different sources. Ingest replaces only the tables it loads; a table
 * it leaves must have come from the same data (same source, seed, scale and anchor date, or the same dataset and
 * window), or keys stop matching: orders pointing at users that do not exist, tests failing much later.
 */
final class TableOrigins {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TableOrigins() {}

    /** The fingerprint as the warehouse keeps it: JSON with sorted keys, so equal data give equal text. */
    static String fingerprint(IngestSpec spec, Table table) {
        return json(spec.source().fingerprint(table), table);
    }

    /** The world (the fingerprint without the date the data is seen on), as the warehouse keeps it. */
    static String world(IngestSpec spec, Table table) {
        return json(spec.source().world(table), table);
    }

    private static String json(Map<String, Object> values, Table table) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new InfrastructureException("Cannot record the origin of " + table.sqlName(), e);
        }
    }

    /** The origins the warehouse recorded, none when there is no warehouse yet. */
    static Map<Table, TableOrigin> read(IngestSpec spec) {
        if (!Files.isRegularFile(spec.warehouse())) {
            return Map.of();
        }
        try (Warehouse warehouse = Warehouse.openForRead(spec.warehouse(), spec.duckDb())) {
            return warehouse.origins();
        }
    }

    /**
     * Per table that an incremental run can bring up to date, its window: from the newest value of its cursor column
     * in the last load of the same world, minus the lookback. Other tables are loaded whole, and the log says why.
     */
    static Map<Table, Window> windows(IngestSpec spec, Map<Table, TableOrigin> origins, Consumer<String> log) {
        Map<Table, Window> windows = new EnumMap<>(Table.class);
        if (spec.mode() != LoadMode.INCREMENTAL) {
            return windows;
        }
        for (Table table : spec.tables()) {
            TableOrigin origin = origins.get(table);
            Increment increment = spec.increment(table);
            String full = null;
            if (increment == null) {
                full = "reference data, always whole";
            } else if (origin == null || origin.cursor() == null) {
                full = "no earlier load with a cursor";
            } else if (!world(spec, table).equals(origin.world())) {
                full = "the earlier load came from other data";
            } else if (!increment.cursorColumn().equals(origin.cursorColumn())) {
                full = "its cursor column is now " + increment.cursorColumn() + ", was " + origin.cursorColumn();
            }
            if (full != null) {
                log.accept("  " + table.sqlName() + ": full load (" + full + ")");
                continue;
            }
            Duration lookback = increment.lookback();
            Window window =
                    Window.since(increment.windowColumn(), origin.cursor().minus(lookback));
            windows.put(table, window);
            log.accept("  " + table.sqlName() + ": incremental, rows with " + window.column() + " " + window
                    + " (newest " + increment.cursorColumn() + " " + origin.cursor() + " minus a lookback of "
                    + lookback.toDays() + " days)");
        }
        return windows;
    }

    /**
     * The tables an incremental run keeps as they are: reference data (no window) that a reproducible source gave
     * from the same world last time, so reading it again would give the same rows.
     */
    static List<Table> unchanged(IngestSpec spec, Map<Table, TableOrigin> origins, Consumer<String> log) {
        List<Table> kept = new ArrayList<>();
        if (spec.mode() != LoadMode.INCREMENTAL || !spec.source().reproducible()) {
            return kept;
        }
        for (Table table : spec.tables()) {
            TableOrigin origin = origins.get(table);
            if (spec.increment(table) == null
                    && origin != null
                    && world(spec, table).equals(origin.world())) {
                kept.add(table);
                log.accept("  " + table.sqlName() + ": kept (reference data, the same as the last load's)");
            }
        }
        return kept;
    }

    /**
     * Fails before anything is read when a table this run leaves in the warehouse came from other data than this
     * run would load, naming the tables and the values that differ. Tables with no recorded origin (a warehouse
     * written before origins existed) are not judged.
     */
    static void requireNoMix(IngestSpec spec, Map<Table, TableOrigin> origins) {
        Map<String, List<String>> kept = new TreeMap<>(); // differences → the tables kept with them
        for (Map.Entry<Table, TableOrigin> entry : origins.entrySet()) {
            Table table = entry.getKey();
            if (spec.tables().contains(table)) {
                continue;
            }
            String differences = differences(entry.getValue().fingerprint(), fingerprint(spec, table));
            if (!differences.isEmpty()) {
                kept.computeIfAbsent(differences, d -> new ArrayList<>()).add(table.sqlName());
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("This run would load " + Table.sqlNames(spec.tables())
                + " from other data than the rest of the warehouse " + spec.warehouse() + ":");
        kept.forEach((differences, tables) -> message.append(" ")
                .append(String.join(", ", tables))
                .append(" came from ")
                .append(differences)
                .append(";"));
        message.append(" tables of different data break the keys between them (e.g. orders.user_id → users). Load"
                + " every table with the same settings (add the others to " + Setting.TABLES.ref() + "), go back to"
                + " the settings the warehouse was loaded with, or delete " + spec.warehouse() + ".");
        throw new ConfigurationException(message.toString());
    }

    /**
     * Fails before anything is read when a table a backfill would load part of holds rows of other data: a range
     * replaced in it would mix the two.
     */
    static void requireSameWorld(IngestSpec spec, List<Table> tables, Map<Table, TableOrigin> origins) {
        List<String> other = new ArrayList<>();
        for (Table table : tables) {
            TableOrigin origin = origins.get(table);
            if (origin != null && !world(spec, table).equals(origin.world())) {
                other.add(table.sqlName() + " (" + differences(origin.world(), world(spec, table)) + ")");
            }
        }
        if (!other.isEmpty()) {
            throw new ConfigurationException("A backfill (" + Setting.FROM.ref() + ", " + Setting.TO.ref()
                    + ") replaces only the rows of its range, but " + String.join(", ", other) + " in "
                    + spec.warehouse() + " came from other data: load these tables whole first (without "
                    + Setting.FROM.ref() + "/" + Setting.TO.ref() + "), backfill with the settings they were loaded"
                    + " with, or delete " + spec.warehouse() + ".");
        }
    }

    /** "seed 42 (this run: 7), scale 0.1 (this run: 0.01)", or empty when nothing differs. */
    private static String differences(String recorded, String wanted) {
        Map<String, Object> was = parse(recorded);
        Map<String, Object> now = parse(wanted);
        List<String> differences = new ArrayList<>();
        for (String key : new TreeSet<>(union(was, now))) {
            if (!Objects.equals(String.valueOf(was.get(key)), String.valueOf(now.get(key)))) {
                differences.add(key + " " + was.get(key) + " (this run: " + now.get(key) + ")");
            }
        }
        return String.join(", ", differences);
    }

    private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new InfrastructureException("Cannot read a table origin recorded in the warehouse: " + json, e);
        }
    }
}
