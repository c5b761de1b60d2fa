package dev.ecommerce.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.DuckDb;
import dev.ecommerce.core.warehouse.Sql;
import dev.ecommerce.core.warehouse.Warehouse;
import jakarta.validation.ConstraintViolation;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL engine and plain Hibernate Validator ({@code validator.validate(row)} on each row read into its
 * record) find the same violations, row by row, on random and defective rows: NULLs, boundary values,
 * values of the wrong domain, swapped and shifted timestamps.
 */
class DifferentialTest {

    private static final long FIRST_KEY = 2_000_000;
    private static final int ROWS_PER_TABLE = 60;

    private static final List<String> NUMBERS =
            List.of("NULL", "-1", "0", "1", "4", "5", "11", "12", "70", "71", "9223372036854775807");
    private static final List<String> DOUBLES = List.of(
            "NULL", "-180.5", "-180.0", "-90.5", "-90.0", "-0.5", "0.0", "0.0001", "1.5", "90.0", "90.5", "180.0",
            "180.5", "999.0");
    private static final List<String> TEXTS = List.of(
            "NULL",
            "''",
            "' '",
            "chr(9)",
            "chr(160)",
            "chr(8232)",
            "'x'",
            "'Men'",
            "'Women'",
            "'men'",
            "'M'",
            "'F'",
            "'Complete'",
            "'Returned'",
            "'Shipped'",
            "'Processing'",
            "'Cancelled'",
            "'Lost'",
            "'Chrome'",
            "'Edge'",
            "'home'",
            "'Home'",
            "'Search'",
            "'Email'",
            "'Adwords'",
            "'/product/12'",
            "'/product/0x'",
            "'/department/men/category/a/brand/b'",
            "'/department/men/category/a/b'",
            "'POINT(1 2)'",
            "'POINT(-1.5 2.0E-4)'",
            "'POINT(1 2'",
            "'a@b.c'",
            "'a..b@c.com'",
            "'x y@z.org'",
            "'0.0.0.0'",
            "'255.255.255.255'",
            "'256.0.0.1'",
            "'1.2.3'",
            "'123e4567-e89b-12d3-a456-426614174000'",
            "'123E4567-E89B-12D3-A456-426614174000'",
            "'ABCDEF0123456789ABCDEF0123456789'",
            "'abcdef0123456789abcdef0123456789'",
            "repeat('y', 256)");
    private static final List<String> TIMES =
            List.of("NULL", "TIMESTAMPTZ '2019-01-01 00:00:00+00'", "TIMESTAMPTZ '2030-01-01 00:00:00+00'");

    @TempDir
    static Path shared;

    private static Path generated;
    private static ContractEngine engine;
    private static Locale locale;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        engine = ContractEngine.create();
        generated = TestWarehouses.generate(shared, 11, 0.001);
    }

    @AfterAll
    static void close() {
        engine.close();
        Locale.setDefault(locale);
    }

    @Test
    void theSqlEngineAndHibernateValidatorAgreeRowByRow() throws Exception {
        Random random = new Random(2026);
        List<String> inserts = new ArrayList<>();
        for (Table table : Table.values()) {
            for (int i = 0; i < ROWS_PER_TABLE; i++) {
                inserts.add(mutatedRow(table, FIRST_KEY + i, random));
            }
        }
        Path copy = TestWarehouses.copyWith(generated, dir.resolve("random.duckdb"), inserts);
        // A second connection to the open file joins its database: same settings, through DuckDb.
        try (Warehouse warehouse = Warehouse.openForRead(copy);
                Connection connection = DuckDb.open(copy, true, warehouse.settings())) {
            for (Table table : Table.values()) {
                Set<String> bySql = new TreeSet<>();
                for (Violation v : engine.check(warehouse, table).violations()) {
                    bySql.add(v.rowKey() + "|" + v.property() + "|" + v.constraint() + "|" + v.message() + "|"
                            + (v.property().isEmpty() ? "" : v.invalidValue()));
                }
                Set<String> byHibernate = validateEveryRow(connection, table, Contracts.of(table));

                assertThat(bySql).as(table.sqlName()).isEqualTo(byHibernate);
                Set<String> invalidKeys = byHibernate.stream()
                        .map(s -> s.substring(0, s.indexOf('|')))
                        .collect(Collectors.toSet());
                // The random rows do break contracts (so the comparison can fail), and only they do.
                assertThat(invalidKeys).as(table.sqlName()).hasSizeGreaterThan(ROWS_PER_TABLE / 3);
                assertThat(invalidKeys).allMatch(key -> Long.parseLong(key) >= FIRST_KEY);
            }
        }
    }

    /** A copy of one of the first ten rows with one to three columns replaced by random defects. */
    private static String mutatedRow(Table table, long key, Random random) {
        List<Column> columns = table.columns().stream()
                .filter(c -> !c.name().equals(table.key()))
                .collect(Collectors.toList());
        Map<String, String> replace = new LinkedHashMap<>();
        replace.put(table.key(), Long.toString(key));
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            Column column = columns.get(random.nextInt(columns.size()));
            List<String> pool = pool(table, column);
            replace.put(column.name(), pool.get(random.nextInt(pool.size())));
        }
        String t = Sql.identifier(table.sqlName());
        String k = Sql.identifier(table.key());
        return "INSERT INTO " + t + " SELECT * REPLACE ("
                + replace.entrySet().stream()
                        .map(e -> e.getValue() + " AS " + Sql.identifier(e.getKey()))
                        .collect(Collectors.joining(", "))
                + ") FROM " + t + " WHERE " + k + " < " + FIRST_KEY + " ORDER BY " + k + " LIMIT 1 OFFSET "
                + random.nextInt(10);
    }

    /** Candidate values for a column: fixed defects and boundaries, plus expressions on the row itself. */
    private static List<String> pool(Table table, Column column) {
        String c = Sql.identifier(column.name());
        List<String> pool = new ArrayList<>();
        switch (column.type()) {
            case BIGINT -> pool.addAll(NUMBERS);
            case DOUBLE -> {
                pool.addAll(DOUBLES);
                pool.add(c + " * 2");
                sameType(table, column).forEach(pool::add);
            }
            case VARCHAR -> {
                pool.addAll(TEXTS);
                pool.addAll(List.of("upper(" + c + ")", "lower(" + c + ")", c + " || ' '", "substr(" + c + ", 2)"));
            }
            case TIMESTAMPTZ -> {
                pool.addAll(TIMES);
                pool.addAll(List.of(c + " + INTERVAL 1 MINUTE", c + " - INTERVAL 1 DAY"));
                for (String other : sameType(table, column)) {
                    pool.addAll(List.of(other, other + " + INTERVAL 1 SECOND", other + " - INTERVAL 1 SECOND"));
                }
            }
        }
        return pool;
    }

    private static List<String> sameType(Table table, Column column) {
        return table.columns().stream()
                .filter(o -> o.type() == column.type() && !o.equals(column))
                .map(o -> Sql.identifier(o.name()))
                .collect(Collectors.toList());
    }

    /** Reads every row into the contract record, independently of the engine, and validates it. */
    private static Set<String> validateEveryRow(Connection connection, Table table, Class<?> contract)
            throws Exception {
        RecordComponent[] components = contract.getRecordComponents();
        String select = Arrays.stream(components)
                .map(rc -> {
                    String column = Sql.identifier(
                            rc.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
                    return rc.getType() == Instant.class ? "epoch_us(" + column + ")" : column;
                })
                .collect(Collectors.joining(", "));
        var constructor = contract.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Set<String> found = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT " + Sql.identifier(table.key()) + ", " + select + " FROM "
                        + Sql.identifier(table.sqlName()))) {
            while (rs.next()) {
                Object[] values = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    Object value = rs.getObject(i + 2);
                    Class<?> type = components[i].getType();
                    if (value == null) {
                        values[i] = null;
                    } else if (type == Long.class) {
                        values[i] = ((Number) value).longValue();
                    } else if (type == Double.class) {
                        values[i] = ((Number) value).doubleValue();
                    } else if (type == Instant.class) {
                        long micros = ((Number) value).longValue();
                        values[i] = Instant.EPOCH.plusNanos(micros * 1000);
                    } else {
                        values[i] = value.toString();
                    }
                }
                Object row = constructor.newInstance(values);
                Object key = rs.getObject(1);
                for (ConstraintViolation<Object> v : engine.validator().validate(row)) {
                    found.add(key + "|" + v.getPropertyPath() + "|"
                            + v.getConstraintDescriptor()
                                    .getAnnotation()
                                    .annotationType()
                                    .getSimpleName() + "|"
                            + v.getMessage() + "|"
                            + (v.getPropertyPath().toString().isEmpty()
                                    ? ""
                                    // personal data is masked by the engine, so compare masked values
                                    : ContractEngine.shown(
                                            row.getClass(), v.getPropertyPath().toString(), v.getInvalidValue())));
                }
            }
        }
        return found;
    }
}
