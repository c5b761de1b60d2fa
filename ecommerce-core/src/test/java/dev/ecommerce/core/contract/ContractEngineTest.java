package dev.ecommerce.core.contract;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.schema.TableBatch;
import dev.ecommerce.core.warehouse.Load;
import dev.ecommerce.core.warehouse.Warehouse;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.GroupSequence;
import jakarta.validation.Payload;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.groups.Default;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler's split between SQL and the Hibernate Validator fallback, and the engine's errors. */
class ContractEngineTest {

    /** A user's constraint with no SQL translation: the text is upper case. */
    @Constraint(validatedBy = UpperCaseValidator.class)
    @Target({FIELD, METHOD, PARAMETER})
    @Retention(RUNTIME)
    public @interface UpperCase {
        String message() default "must be upper case";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class UpperCaseValidator implements ConstraintValidator<UpperCase, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.equals(value.toUpperCase(Locale.ROOT));
        }
    }

    /** A user's class-level constraint with no SQL translation. */
    @Constraint(validatedBy = NorthOfItsLongitudeValidator.class)
    @Target(TYPE)
    @Retention(RUNTIME)
    public @interface NorthOfItsLongitude {
        String message() default "latitude must exceed longitude";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class NorthOfItsLongitudeValidator
            implements ConstraintValidator<NorthOfItsLongitude, CenterContract> {
        @Override
        public boolean isValid(CenterContract row, ConstraintValidatorContext context) {
            return row == null || row.latitude() == null || row.longitude() == null || row.latitude() > row.longitude();
        }
    }

    /** A contract on three of the five columns, mixing SQL and fallback constraints. */
    @NorthOfItsLongitude
    public record CenterContract(
            @NotNull @Positive Long id,

            @NotNull @UpperCase @Pattern(regexp = "[a-z ]+", flags = Pattern.Flag.CASE_INSENSITIVE)
            String name,

            Double latitude,
            Double longitude) {}

    /** A contract with a constrained getter: no column, so Hibernate Validator checks the whole row. */
    public record NamedCenter(Long id, String name) {
        @AssertTrue(message = "must have a name")
        public boolean isNamed() {
            return name != null;
        }
    }

    @GroupSequence({Sequenced.class, Default.class})
    public record Sequenced(@NotNull Long id) {}

    public record WrongType(Long id, Long name) {}

    public record UnknownColumn(Long id, String nickname) {}

    @TempDir
    Path dir;

    private static ContractEngine engine;
    private static Locale locale;

    @BeforeAll
    static void create() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        engine = ContractEngine.create();
    }

    @AfterAll
    static void close() {
        engine.close();
        Locale.setDefault(locale);
    }

    private Path centers(Object[]... rows) {
        Path file = dir.resolve("w.duckdb");
        TableBatch batch = new TableBatch(Table.DISTRIBUTION_CENTERS, rows.length);
        for (Object[] values : rows) {
            int row = batch.addRow();
            batch.setLong(0, row, (Long) values[0]);
            batch.setString(1, row, (String) values[1]);
            batch.setDouble(2, row, (Double) values[2]);
            batch.setDouble(3, row, (Double) values[3]);
            batch.setString(4, row, "POINT(" + values[3] + " " + values[2] + ")");
        }
        try (Warehouse warehouse = Warehouse.openForWrite(file);
                Load load = warehouse.beginLoad(List.of(Table.DISTRIBUTION_CENTERS))) {
            load.append(batch);
            load.commit();
        }
        return file;
    }

    @Test
    void constraintsWithoutSqlGoToTheFallbackAndAreReportedLikeTheOthers() {
        Path file = centers(
                new Object[] {1L, "NORTH", 50.0, 5.0},
                new Object[] {2L, "North", 50.0, 5.0},
                new Object[] {3L, "NORTH-3", 50.0, 5.0},
                new Object[] {4L, "SOUTH", 1.0, 5.0},
                new Object[] {-6L, "west", 1.0, 5.0});

        CompiledContract compiled = engine.compile(Table.DISTRIBUTION_CENTERS, CenterContract.class);
        assertThat(compiled.checks())
                .extracting(SqlCheck::property, SqlCheck::constraint)
                .containsExactly(tuple("id", "NotNull"), tuple("id", "Positive"), tuple("name", "NotNull"));
        assertThat(compiled.fallbacks())
                .extracting(FallbackCheck::property, FallbackCheck::constraint, FallbackCheck::reason)
                .containsExactlyInAnyOrder(
                        tuple("", "NorthOfItsLongitude", "no SQL translation for the class-level @NorthOfItsLongitude"),
                        tuple("name", "UpperCase", "no SQL translation for @UpperCase"),
                        tuple("name", "Pattern", "@Pattern flags have no RE2 equivalent"));
        assertThat(compiled.fallbackProperties()).containsExactlyInAnyOrder("", "name");
        assertThat(compiled.query())
                .startsWith("SELECT * FROM (SELECT \"id\" AS \"row_key\", list_filter(list_value(")
                .contains("CASE WHEN \"id\" <= 0 THEN 1 END");

        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            ContractResult result = engine.check(warehouse, Table.DISTRIBUTION_CENTERS, CenterContract.class);
            assertThat(result.rowsChecked()).isEqualTo(5);
            assertThat(result.fallbackProperties()).containsExactlyInAnyOrder("", "name");
            assertThat(result.invalidRowKeys()).containsExactly(-6L, 2L, 3L, 4L);
            assertThat(result.violations())
                    .extracting(
                            Violation::rowKey,
                            Violation::property,
                            Violation::constraint,
                            Violation::message,
                            Violation::invalidValue)
                    .containsExactly(
                            tuple(
                                    -6L,
                                    "",
                                    "NorthOfItsLongitude",
                                    "latitude must exceed longitude",
                                    "CenterContract[id=-6, name=west, latitude=1.0, longitude=5.0]"),
                            tuple(-6L, "id", "Positive", "must be greater than 0", "-6"),
                            tuple(-6L, "name", "UpperCase", "must be upper case", "west"),
                            tuple(2L, "name", "UpperCase", "must be upper case", "North"),
                            tuple(3L, "name", "Pattern", "must match \"[a-z ]+\"", "NORTH-3"),
                            tuple(
                                    4L,
                                    "",
                                    "NorthOfItsLongitude",
                                    "latitude must exceed longitude",
                                    "CenterContract[id=4, name=SOUTH, latitude=1.0, longitude=5.0]"));
            assertThat(result.isValid()).isFalse();
        }
    }

    @Test
    void propertyFallbacksReadOnlyTheirColumnsAndClassLevelChecksNameTheirValues() {
        Path file = centers(new Object[] {1L, "NORTH", 50.0, 5.0});
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            ContractResult valid = engine.check(warehouse, Table.DISTRIBUTION_CENTERS);
            assertThat(valid.isValid()).isTrue();
            assertThat(valid.fallbackProperties()).isEmpty();
        }
        CompiledContract users = engine.compile(Table.USERS, UserRow.class);
        assertThat(users.fallbacks())
                .extracting(FallbackCheck::property, FallbackCheck::constraint)
                .containsExactly(tuple("email", "Email"));
        CompiledContract orders = engine.compile(Table.ORDERS, OrderRow.class);
        assertThat(orders.fallbacks()).isEmpty();
        assertThat(orders.checks())
                .filteredOn(c -> c.property().isEmpty())
                .extracting(SqlCheck::constraint, SqlCheck::properties)
                .containsExactly(
                        tuple("FulfilmentMatchesStatus", List.of("status", "shippedAt", "deliveredAt", "returnedAt")),
                        tuple("TimestampsInOrder", List.of("createdAt", "shippedAt", "deliveredAt", "returnedAt")));
        assertThat(orders.query()).contains("\"status\" = 'Shipped' AND NOT (\"shipped_at\" IS NOT NULL AND");
    }

    @Test
    void hibernateValidatorChecksEachRecordComponentOnce() {
        OrderRow row = new OrderRow(null, 1L, "Shipped", "M", Instant.EPOCH, null, null, null, 9L);
        assertThat(engine.validator().validate(row))
                .extracting(v -> v.getPropertyPath().toString(), v -> v.getMessage())
                .containsExactlyInAnyOrder(
                        tuple("orderId", "must not be null"),
                        tuple("numOfItem", "must be less than or equal to 4"),
                        tuple(
                                "",
                                engine.compile(Table.ORDERS, OrderRow.class).checks().stream()
                                        .filter(c -> c.constraint().equals("FulfilmentMatchesStatus"))
                                        .findFirst()
                                        .orElseThrow()
                                        .message()));
    }

    @Test
    void aContractThatDoesNotFitItsTableIsAConfigurationError() {
        assertThatThrownBy(() -> engine.compile(Table.DISTRIBUTION_CENTERS, String.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The contract java.lang.String of distribution_centers must be a record");
        assertThatThrownBy(() -> engine.compile(Table.DISTRIBUTION_CENTERS, WrongType.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The component name of the contract")
                .hasMessageEndingWith("must be a String for the column distribution_centers.name (VARCHAR)");
        assertThatThrownBy(() -> engine.compile(Table.DISTRIBUTION_CENTERS, UnknownColumn.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("has no column nickname in distribution_centers");
    }

    @Test
    void aWarehouseOpenForWritingInThisProcessCanBeChecked() {
        Path file = centers(new Object[] {-1L, "NORTH", 50.0, 5.0});
        try (Warehouse warehouse = Warehouse.openForWrite(file)) {
            assertThat(engine.check(warehouse, Table.DISTRIBUTION_CENTERS).invalidRowKeys())
                    .containsExactly(-1L);
        }
    }

    @Test
    void aConstrainedGetterIsCheckedOnTheWholeRow() {
        Path file = centers(new Object[] {1L, "NORTH", 50.0, 5.0}, new Object[] {2L, null, 50.0, 5.0});
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            ContractResult result = engine.check(warehouse, Table.DISTRIBUTION_CENTERS, NamedCenter.class);
            assertThat(result.fallbackProperties()).containsExactly("named");
            assertThat(result.violations())
                    .extracting(Violation::rowKey, Violation::property, Violation::constraint, Violation::message)
                    .containsExactly(tuple(2L, "named", "AssertTrue", "must have a name"));
        }
        assertThatThrownBy(() -> engine.compile(Table.DISTRIBUTION_CENTERS, Sequenced.class))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("@GroupSequence");
    }

    @Test
    void aMissingTableIsADataError() {
        Path file = centers(new Object[] {1L, "NORTH", 50.0, 5.0});
        try (Warehouse warehouse = Warehouse.openForRead(file)) {
            assertThatThrownBy(() -> engine.check(warehouse, Table.PRODUCTS))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("No table products in the warehouse");
        }
    }

    @Test
    void everyTableHasAContractThatFitsIt() {
        for (Table table : Table.values()) {
            CompiledContract compiled = engine.compile(table, Contracts.of(table));
            assertThat(compiled.query()).as(table.sqlName()).isNotNull();
            assertThat(Set.copyOf(compiled.checks())).hasSameSizeAs(compiled.checks());
        }
    }
}
