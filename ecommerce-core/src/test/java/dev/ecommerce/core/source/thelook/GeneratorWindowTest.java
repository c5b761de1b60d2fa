package dev.ecommerce.core.source.thelook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.schema.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An incremental window skips the work before it, yet hands on exactly the rows of the whole world created in
 * it, in the same order, whatever the thread count; and the whole world is the one it was before windows were
 * cut early.
 */
class GeneratorWindowTest {

    private static final LocalDate DEFAULT = GeneratorSpec.DEFAULT_ANCHOR;
    private static final Set<Table> ALL = EnumSet.allOf(Table.class);
    private static final Set<Table> TIMED =
            EnumSet.of(Table.USERS, Table.ORDERS, Table.ORDER_ITEMS, Table.INVENTORY_ITEMS, Table.EVENTS);

    /**
     * Per table of seed 7's world at two scales and three dates (40 days before the default anchor, on it, 20
     * days after): rows and SHA-256 over them in order (see {@link GeneratedRows}), as the generator gave them
     * before it cut windows early. The generator promises byte-identical data for the same seed, scale and date,
     * so these change only with a deliberate change of the world.
     */
    private static final String WORLD_DIGESTS = """
            -40 0.01 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            -40 0.01 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            -40 0.01 USERS 953 05fcc65c97a033be81875e693c605bdf5dbcb0b0a34fb20cdb3b30ef9af02784
            -40 0.01 ORDERS 1157 57b2c96a17bf553cbed61fa01d7ccd06c797b56931477a9718ce61788fcce935
            -40 0.01 ORDER_ITEMS 1694 fb75165876dc62064a0c3e314aea3beed01ebc08ef1f0b551f075ab4800ce00f
            -40 0.01 INVENTORY_ITEMS 4926 052c7dbe4ba3ba920bf94c4f01eea1680d39616eb2750fa96c3047fd8c4d207b
            -40 0.01 EVENTS 23419 370342c91fdd37641bea4c5e4e7b1e9f2cf2817b5b75d1ea0aedf65e7f9fe76d
            -40 0.05 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            -40 0.05 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            -40 0.05 USERS 4798 286cb298950daa7da35a2faea4583f61587cce02cb7e012f11c4f7c954321deb
            -40 0.05 ORDERS 5695 bc739c4700300dc3e12997e55d3d5e622e641d2237d747368671c11ef2a3ed77
            -40 0.05 ORDER_ITEMS 8289 f0f503226c226c2a207ff651ff629326d63770b53e4ebf135fe603a19027bf36
            -40 0.05 INVENTORY_ITEMS 24080 10fb8a715e05434f086e5b3ff07c96064eebdc2e0987bab58c14d75d9265bc8f
            -40 0.05 EVENTS 115140 1a4a0d8ffefe69e37505ad05db4c582d84fd53956021c8af827b753db20dfa54
            0 0.01 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            0 0.01 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            0 0.01 USERS 1000 f9805deadeb943fd979d41563cf7c81f7f3bbe837b3bda4a0ac65486ef766d34
            0 0.01 ORDERS 1282 e35d763d18f21814d9c461578cfb35683df70771aa167b8a2698f6b94853ef3d
            0 0.01 ORDER_ITEMS 1884 a5fc7384ed8ab4b698c59da18114cbb66a77c669e1a05b598a2485b6d2d68073
            0 0.01 INVENTORY_ITEMS 5069 4cb49335ab30fddf0c96f0e75810e5bd0d7bcc26384a1537e35fdc3a75bd16e3
            0 0.01 EVENTS 24994 69901dee3c5c1b2b7d7fb67d57bf3b2cde2d31b06ac3c6249bdb361b408f76a4
            0 0.05 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            0 0.05 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            0 0.05 USERS 5000 b03ad19fb9fea2a894335fcbf74e58098ad047583ba1b36ff7347856e9b61aa7
            0 0.05 ORDERS 6318 ad0ccc555662a434df67106ee48912778e913028badef48560acc7c5d5f6ad4f
            0 0.05 ORDER_ITEMS 9183 31ab5cc47e9cbf92fc84e7536168788599254336fb81d05356b3471f0314abcd
            0 0.05 INVENTORY_ITEMS 24750 dacc0c159329438d6eef6a51e51e684bc9862bc56b818a1fd2aa95cf13f59896
            0 0.05 EVENTS 122372 53f31709cee882d1f7af5db779f3f957937dc6e5f0293c149a28bd5986e954f0
            20 0.01 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            20 0.01 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            20 0.01 USERS 1008 9f971efb8289d2e8a62d2a8988b97a4e58a06a50a8bf1ec77f073f097881d91f
            20 0.01 ORDERS 1286 e37188fc9138530e0b3084e52d5e09b4c6e17a8617aa01fc5a174e0452755c2e
            20 0.01 ORDER_ITEMS 1891 e1c1cd669a4b93e87f4d12776ef2e423cd0aa15b2b5b48011bf2f8b70fefa667
            20 0.01 INVENTORY_ITEMS 5091 9796cc36942c86a8defb7c1a7c89dccddd09b0ca860c43c6282ba9210591cc70
            20 0.01 EVENTS 25134 bbeafcb4e52bfa7decebcc95fc79ea72c851b9a340e5cfec0e7f4ffa55bc95b6
            20 0.05 DISTRIBUTION_CENTERS 10 78b1b9c8f40a1fe343d1731e05972c93d9114bed90eadecd7184c9ecd6f40620
            20 0.05 PRODUCTS 29120 05aee4a2b0bd78a87c270428bdcdf75eec61adcc6b5a654cb6eadb307d71ace8
            20 0.05 USERS 5038 b322832d9423e78a10eb55ef429ae510a08feaa5a0dd7097550822254e15b0c5
            20 0.05 ORDERS 6332 99186d3ed512751a543a121e8eccb3eb4742637cd7b057ed59ef3e868df40377
            20 0.05 ORDER_ITEMS 9205 96fec26749bea8d86a4648eb957efa2f04316a7a3a45aaf01d8826a9fbe4b7dd
            20 0.05 INVENTORY_ITEMS 24839 9e15e34546809ac70f619a99e70776c3186dd9b0ede8995d0709a76eb251cfd7
            20 0.05 EVENTS 122973 a858e2e95d3b129668b33c8d9636b747c01bbcfd8047f7290aadb7ab03defd26
            """;

    @Test
    void theWholeWorldIsTheOneItWasBeforeWindowsWereCutEarly() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        WORLD_DIGESTS.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] f = line.split(" ");
            expected.put(f[0] + " " + f[1] + " " + f[2], f[3] + " " + f[4]);
        });
        for (int days : new int[] {-40, 0, 20}) {
            for (double scale : new double[] {0.01, 0.05}) {
                GeneratorSpec spec = new GeneratorSpec(7, scale, DEFAULT.plusDays(days), 2);
                GeneratedRows.of(spec, ALL, Map.of())
                        .forEach((table, rows) -> actual.put(
                                days + " " + scale + " " + table, rows.size() + " " + GeneratedRows.digest(rows)));
            }
        }
        assertThat(actual).hasSize(42).isEqualTo(expected);
    }

    /** Two seeds at two scales on the default anchor, and two other dates (the world before and after it). */
    static Stream<Arguments> worlds() {
        return Stream.of(
                Arguments.of(7, 0.01, 0),
                Arguments.of(8, 0.01, 0),
                Arguments.of(7, 0.05, 0),
                Arguments.of(8, 0.05, 0),
                Arguments.of(7, 0.01, 20),
                Arguments.of(8, 0.01, -40));
    }

    @ParameterizedTest(name = "seed {0}, scale {1}, anchor {2} days from the default")
    @MethodSource("worlds")
    void aWindowHandsOnExactlyTheWholeWorldsRowsInIt(long seed, double scale, int days) {
        LocalDate date = DEFAULT.plusDays(days);
        Instant asOf = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Table, List<String>> world = GeneratedRows.of(new GeneratorSpec(seed, scale, date, 1), ALL, Map.of());

        Map<String, Map<Table, Instant>> windows = new LinkedHashMap<>();
        for (int back : new int[] {1, 11, 60}) {
            windows.put(back + " days", every(asOf.minus(Duration.ofDays(back))));
        }
        windows.put("mid-history", every(Instant.parse("2022-06-15T12:34:56.789Z")));
        windows.put("since the epoch", every(Instant.EPOCH));
        windows.put("after the date", every(asOf.plus(Duration.ofDays(1))));
        Map<Table, Instant> increment = new EnumMap<>(Table.class);
        TIMED.forEach(
                table -> increment.put(table, asOf.minus(Duration.ofDays(1)).minus(table.changesWithin())));
        windows.put("a one-day increment's lookbacks", increment);
        windows.put("orders only windowed", Map.of(Table.ORDERS, asOf.minus(Duration.ofDays(11))));

        int kept = 0;
        for (int threads : new int[] {1, 3}) {
            GeneratorSpec spec = new GeneratorSpec(seed, scale, date, threads);
            for (Map.Entry<String, Map<Table, Instant>> window : windows.entrySet()) {
                Map<Table, List<String>> rows = GeneratedRows.of(spec, TIMED, window.getValue());
                assertThat(rows).containsOnlyKeys(TIMED);
                for (Table table : TIMED) {
                    Instant from = window.getValue().get(table);
                    assertSameRows(
                            window.getKey() + ", " + threads + " threads",
                            table,
                            GeneratedRows.within(table, world.get(table), from, null),
                            rows.get(table));
                    kept += rows.get(table).size();
                }
            }
            // Tables not asked for are still counted: the ids of the ones asked for do not move.
            Map<Table, Instant> since = every(asOf.minus(Duration.ofDays(11)));
            Set<Table> some = EnumSet.of(Table.ORDER_ITEMS, Table.EVENTS);
            Map<Table, List<String>> rows = GeneratedRows.of(spec, some, since);
            assertThat(rows).containsOnlyKeys(some);
            for (Table table : some) {
                assertSameRows(
                        "two tables, " + threads + " threads",
                        table,
                        GeneratedRows.within(table, world.get(table), since.get(table), null),
                        rows.get(table));
            }
            // An upper bound: a month in the middle of the history, and everything before 2020-03-01; the reference
            // tables come whole.
            Instant start = Instant.parse("2022-06-15T00:00:00Z");
            Instant end = start.plus(Duration.ofDays(30));
            Instant early = Instant.parse("2020-03-01T00:00:00Z");
            rows = GeneratedRows.of(spec, ALL, every(start), every(end));
            Map<Table, List<String>> before = GeneratedRows.of(spec, TIMED, Map.of(), every(early));
            for (Table table : EnumSet.complementOf(EnumSet.copyOf(TIMED))) {
                assertSameRows("a month, " + threads + " threads", table, world.get(table), rows.get(table));
            }
            for (Table table : TIMED) {
                assertSameRows(
                        "a month, " + threads + " threads",
                        table,
                        GeneratedRows.within(table, world.get(table), start, end),
                        rows.get(table));
                assertSameRows(
                        "before 2020-03, " + threads + " threads",
                        table,
                        GeneratedRows.within(table, world.get(table), null, early),
                        before.get(table));
                kept += rows.get(table).size() + before.get(table).size();
            }
        }
        assertThat(kept).as("rows in the windows").isGreaterThan(0);
    }

    private static Map<Table, Instant> every(Instant instant) {
        Map<Table, Instant> map = new EnumMap<>(Table.class);
        TIMED.forEach(table -> map.put(table, instant));
        return map;
    }

    /** The same rows in the same order; on a difference, the first one. */
    private static void assertSameRows(String window, Table table, List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        fail(window + ", " + table.sqlName() + ": " + actual.size() + " rows, expected " + expected.size()
                + "; first difference at row " + i + ": " + (i < actual.size() ? actual.get(i) : "(none)")
                + ", expected " + (i < expected.size() ? expected.get(i) : "(none)"));
    }
}
