package dev.ecommerce.core.contract;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.DuckDb;
import dev.ecommerce.core.warehouse.Sql;
import dev.ecommerce.core.warehouse.TableValidation;
import dev.ecommerce.core.warehouse.Warehouse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks warehouse tables against Bean Validation contracts. Each contract is compiled into one DuckDB
 * query that finds every row breaking a constraint with an SQL translation; constraints without one go
 * to a row-by-row Hibernate Validator pass that reads only their columns. Both give the same property
 * paths, constraint names and messages as {@code validator.validate(row)}.
 *
 * <pre>{@code
 * try (ContractEngine engine = ContractEngine.create()) {
 *     ContractResult result = engine.check(warehouse, Table.ORDERS, OrderRow.class);
 * }
 * }</pre>
 */
public final class ContractEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContractEngine.class);

    private static final Comparator<Violation> ORDER = Comparator.comparing(
                    Violation::rowKey, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Violation::property)
            .thenComparing(Violation::constraint)
            .thenComparing(Violation::message);

    private final ValidatorFactory factory;
    private final Validator validator;
    private final ContractCompiler compiler;

    private ContractEngine(ValidatorFactory factory) {
        this.factory = factory;
        this.validator = factory.getValidator();
        MessageInterpolator interpolator = factory.getMessageInterpolator();
        this.compiler = new ContractCompiler(validator, interpolator);
    }

    /** An engine on the default Hibernate Validator configuration; close it when done. */
    public static ContractEngine create() {
        // Hibernate Validator logs through JBoss Logging, which would pick java.util.logging and print its
        // banner to stderr, outside the build log: route it to SLF4J, where the plugin's log settings apply.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        return new ContractEngine(Validation.buildDefaultValidatorFactory());
    }

    /** The validator the engine compiles from and falls back to. */
    public Validator validator() {
        return validator;
    }

    /** Compiles a contract for a table without running it (to inspect the SQL and the fallback). */
    public CompiledContract compile(Table table, Class<?> contract) {
        return compiler.compile(table, contract);
    }

    /** Checks a table against its built-in contract ({@link Contracts#of}). */
    public ContractResult check(Warehouse warehouse, Table table) {
        return check(warehouse, table, Contracts.of(table));
    }

    /**
     * Checks every row of a table against a contract.
     *
     * @throws dev.ecommerce.core.ConfigurationException when the contract does not fit the table
     * @throws DataException when the table is not in the warehouse
     * @throws InfrastructureException when DuckDB fails
     */
    public ContractResult check(Warehouse warehouse, Table table, Class<?> contract) {
        return check(warehouse, table, contract, null);
    }

    /**
     * Checks the rows of a table created at or after {@code since} (every row when it is null, or when the table has
     * no {@code created_at}) against a contract.
     *
     * @throws dev.ecommerce.core.ConfigurationException when the contract does not fit the table
     * @throws DataException when the table is not in the warehouse
     * @throws InfrastructureException when DuckDB fails
     */
    public ContractResult check(Warehouse warehouse, Table table, Class<?> contract, java.time.Instant since) {
        String where = since == null || !TableValidation.hasCreatedAt(table)
                ? ""
                : " WHERE " + Sql.identifier("created_at") + " >= " + Sql.timestamp(since);
        CompiledContract compiled = compiler.compile(table, contract, where);
        RowMapping mapping = RowMapping.of(table, contract);
        if (!warehouse.exists(table)) {
            throw new DataException("No table " + table.sqlName() + " in the warehouse " + warehouse.file()
                    + ": ingest it first (mvn ecommerce:ingest).");
        }
        long rows = warehouse.queryLong("SELECT count(*) FROM " + Sql.identifier(table.sqlName()) + where);
        LOG.debug(
                "Checking {} against {}: {} constraints in SQL, {} row by row",
                table.sqlName(),
                contract.getSimpleName(),
                compiled.checks().size(),
                compiled.fallbacks().size());
        List<Violation> violations = new ArrayList<>();
        try (Connection connection = openReadOnly(warehouse)) {
            if (compiled.query() != null) {
                runQuery(connection, compiled, mapping, violations);
            }
            if (!compiled.fallbacks().isEmpty()) {
                runFallback(connection, compiled, mapping, where, violations);
            }
        } catch (SQLException e) {
            throw new InfrastructureException(
                    "Cannot check " + table.sqlName() + " in the warehouse " + warehouse.file() + ": " + e.getMessage(),
                    e);
        }
        violations.sort(ORDER);
        LOG.debug("{}: {} violations in {} rows", table.sqlName(), violations.size(), rows);
        Set<Long> keys = new LinkedHashSet<>();
        violations.forEach(v -> keys.add(v.rowKey()));
        return new ContractResult(
                table, contract, rows, new ArrayList<>(keys), violations, compiled.fallbackProperties());
    }

    /**
     * The slow way, for comparison: reads every row into the contract record and validates it with plain
     * Hibernate Validator, one row at a time. Returns the number of rows with at least one violation.
     */
    public long checkRowByRow(Warehouse warehouse, Table table, Class<?> contract) {
        RowMapping mapping = RowMapping.of(table, contract);
        long invalid = 0;
        try (Connection connection = openReadOnly(warehouse);
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery(mapping.selectAll())) {
            while (rs.next()) {
                if (!validator.validate(mapping.readRow(rs, 2)).isEmpty()) { // column 1 is the key
                    invalid++;
                }
            }
        } catch (SQLException e) {
            throw new InfrastructureException("Cannot read " + table.sqlName() + ": " + e.getMessage(), e);
        }
        return invalid;
    }

    /** A read-only connection to the warehouse, joining this process's database when it holds the file. */
    static Connection openReadOnly(Warehouse warehouse) throws SQLException {
        Connection connection;
        try {
            connection = DuckDb.open(warehouse.file(), true, warehouse.settings());
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("different configuration")) {
                throw e;
            }
            // This process holds the warehouse open for writing, and DuckDB shares one database per file
            // and configuration: join it. The engine only ever runs SELECTs on this connection.
            connection = DuckDb.open(warehouse.file(), false, warehouse.settings());
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void runQuery(
            Connection connection, CompiledContract compiled, RowMapping mapping, List<Violation> out)
            throws SQLException {
        List<String> selected = compiled.selectedProperties();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(compiled.query())) {
            while (rs.next()) {
                Long key = key(rs);
                Array array = rs.getArray(2);
                Object[] failed = (Object[]) array.getArray();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < selected.size(); i++) {
                    Column column = mapping.column(selected.get(i));
                    values.put(selected.get(i), RowMapping.read(rs, 3 + i, column.type()));
                }
                for (Object index : failed) {
                    SqlCheck check = compiled.checks().get(((Number) index).intValue());
                    Class<?> contract = compiled.contract();
                    String value = check.property().isEmpty()
                            ? check.properties().stream()
                                    .map(p -> p + "=" + shown(contract, p, values.get(p)))
                                    .collect(Collectors.joining(", "))
                            : shown(contract, check.property(), values.get(check.property()));
                    out.add(new Violation(
                            compiled.table(), key, check.property(), check.constraint(), check.message(), value));
                }
            }
        }
    }

    private static Long key(ResultSet rs) throws SQLException {
        long key = rs.getLong(1);
        return rs.wasNull() ? null : key;
    }

    @SuppressWarnings("unchecked")
    private void runFallback(
            Connection connection, CompiledContract compiled, RowMapping mapping, String where, List<Violation> out)
            throws SQLException {
        Table table = compiled.table();
        boolean wholeRow = compiled.fallbacks().stream()
                .anyMatch(f -> f.property().isEmpty() || !mapping.hasProperty(f.property()));
        List<String> properties = new ArrayList<>(compiled.fallbackProperties());
        String sql;
        if (wholeRow) {
            sql = mapping.selectAll(where);
        } else {
            sql = "SELECT " + mapping.keyColumn() + ", "
                    + properties.stream()
                            .map(p -> RowMapping.select(mapping.column(p)))
                            .collect(Collectors.joining(", "))
                    + " FROM " + Sql.identifier(table.sqlName()) + where + " ORDER BY 1 NULLS FIRST";
        }
        Class<Object> contract = (Class<Object>) compiled.contract();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Long key = key(rs);
                if (wholeRow) {
                    for (ConstraintViolation<Object> v : validator.validate(mapping.readRow(rs, 2))) {
                        keepFallback(compiled, key, v, out);
                    }
                } else {
                    for (int i = 0; i < properties.size(); i++) {
                        Object value = RowMapping.read(
                                rs, 2 + i, mapping.column(properties.get(i)).type());
                        for (ConstraintViolation<Object> v :
                                validator.validateValue(contract, properties.get(i), value)) {
                            keepFallback(compiled, key, v, out);
                        }
                    }
                }
            }
        }
    }

    /** A value as text for a violation, masked when the contract marks its component {@link PersonalData}. */
    static String shown(Class<?> contract, String property, Object value) {
        if (value != null && contract.isRecord()) {
            for (java.lang.reflect.RecordComponent component : contract.getRecordComponents()) {
                if (component.getName().equals(property) && component.isAnnotationPresent(PersonalData.class)) {
                    return PersonalData.MASK;
                }
            }
        }
        return RowMapping.text(value);
    }

    private static boolean hasPersonalData(Class<?> contract) {
        return contract.isRecord()
                && java.util.Arrays.stream(contract.getRecordComponents())
                        .anyMatch(c -> c.isAnnotationPresent(PersonalData.class));
    }

    /** Adds a Hibernate Validator violation when its constraint is one the SQL did not check. */
    private static void keepFallback(
            CompiledContract compiled, Long key, ConstraintViolation<?> v, List<Violation> out) {
        String property = v.getPropertyPath().toString();
        for (FallbackCheck fallback : compiled.fallbacks()) {
            if (fallback.property().equals(property)
                    && fallback.descriptor()
                            .getAnnotation()
                            .equals(v.getConstraintDescriptor().getAnnotation())) {
                out.add(new Violation(
                        compiled.table(),
                        key,
                        property,
                        fallback.constraint(),
                        v.getMessage(),
                        property.isEmpty() && hasPersonalData(compiled.contract())
                                ? PersonalData.MASK // the value is the whole row, personal data included
                                : shown(compiled.contract(), property, v.getInvalidValue())));
                return;
            }
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
