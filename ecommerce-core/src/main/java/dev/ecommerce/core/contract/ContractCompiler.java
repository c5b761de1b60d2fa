package dev.ecommerce.core.contract;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Column;
import dev.ecommerce.core.schema.ColumnType;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.warehouse.Sql;
import jakarta.validation.GroupSequence;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a contract into one DuckDB query, from Hibernate Validator's metadata. Each supported
 * constraint has an explicit SQL expression of its <em>violation</em> that is TRUE exactly where Bean
 * Validation reports it: a comparison with NULL is NULL, and {@code CASE WHEN NULL} does not fire, so
 * the constraints that accept null need no extra test; {@code @NotNull}, {@code @NotBlank} and
 * {@code @NotEmpty} test for NULL explicitly.
 */
final class ContractCompiler {

    /**
     * Java's {@link String#isBlank()} whitespace ({@link Character#isWhitespace}) as an RE2 class: the
     * ASCII controls it counts and the Unicode space separators except the three no-break spaces.
     */
    static final String JAVA_WHITESPACE = "[\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{1F} \\x{1680}\\x{2000}-\\x{2006}"
            + "\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}\\x{3000}]*";

    /** Java regex constructs that RE2 lacks or reads differently. */
    private static final List<String> NOT_RE2 = List.of(
            "(?=", "(?!", "(?<", "(?>", "\\p", "\\P", "\\h", "\\H", "\\R", "\\X", "\\G", "\\Z", "\\u", "\\0", "\\c",
            "\\k", "\\e", "\\a", "\\s", "\\S", "\\b", "\\B", "\\v", "\\V", "&&", "++", "*+", "?+", "}+");

    private static final String FAILED = "failed_checks";

    private final Validator validator;
    private final MessageInterpolator interpolator;

    ContractCompiler(Validator validator, MessageInterpolator interpolator) {
        this.validator = validator;
        this.interpolator = interpolator;
    }

    /** Thrown when a constraint has no SQL translation; the message says why. */
    private static final class NoTranslation extends Exception {
        NoTranslation(String reason) {
            super(reason, null, false, false);
        }
    }

    CompiledContract compile(Table table, Class<?> contract) {
        return compile(table, contract, "");
    }

    /**
     * Compiles a contract whose query reads only some rows.
     *
     * @param where {@code ""} for every row, or {@code " WHERE <condition>"} on the table's columns
     */
    CompiledContract compile(Table table, Class<?> contract, String where) {
        RowMapping mapping = RowMapping.of(table, contract);
        if (contract.isAnnotationPresent(GroupSequence.class)) {
            throw new ConfigurationException("The contract " + contract.getName() + " redefines the default group"
                    + " with @GroupSequence, which the contract engine does not support: remove it");
        }
        BeanDescriptor bean = validator.getConstraintsForClass(contract);
        List<SqlCheck> checks = new ArrayList<>();
        List<FallbackCheck> fallbacks = new ArrayList<>();

        for (ConstraintDescriptor<?> descriptor : sorted(
                bean.findConstraints().unorderedAndMatchingGroups(Default.class).getConstraintDescriptors())) {
            String name = name(descriptor);
            try {
                List<String> properties = new ArrayList<>();
                String violation = classViolation(descriptor, mapping, properties);
                checks.add(new SqlCheck("", name, message(descriptor, contract), violation, properties));
            } catch (NoTranslation e) {
                fallbacks.add(new FallbackCheck("", name, e.getMessage(), descriptor));
            }
        }
        for (int i = 0; i < mapping.size(); i++) {
            String property = mapping.property(i);
            PropertyDescriptor propertyDescriptor = bean.getConstraintsForProperty(property);
            if (propertyDescriptor == null) {
                continue;
            }
            Column column = mapping.column(property);
            for (ConstraintDescriptor<?> descriptor : sorted(propertyDescriptor
                    .findConstraints()
                    .unorderedAndMatchingGroups(Default.class)
                    .getConstraintDescriptors())) {
                String name = name(descriptor);
                try {
                    String violation = propertyViolation(descriptor, column);
                    checks.add(
                            new SqlCheck(property, name, message(descriptor, contract), violation, List.of(property)));
                } catch (NoTranslation e) {
                    fallbacks.add(new FallbackCheck(property, name, e.getMessage(), descriptor));
                }
            }
        }
        for (PropertyDescriptor other : bean.getConstrainedProperties()) {
            if (!mapping.hasProperty(other.getPropertyName())) {
                // A constrained getter, not a column: only validating the whole record checks it.
                for (ConstraintDescriptor<?> descriptor : sorted(other.findConstraints()
                        .unorderedAndMatchingGroups(Default.class)
                        .getConstraintDescriptors())) {
                    fallbacks.add(new FallbackCheck(
                            other.getPropertyName(),
                            name(descriptor),
                            "the property is not a record component, so it is checked on the whole row",
                            descriptor));
                }
            }
        }
        List<String> selected = selectedProperties(mapping, checks);
        return new CompiledContract(
                table, contract, checks, fallbacks, selected, query(mapping, checks, selected, where));
    }

    private static List<ConstraintDescriptor<?>> sorted(Set<ConstraintDescriptor<?>> descriptors) {
        List<ConstraintDescriptor<?>> list = new ArrayList<>(descriptors);
        list.sort(Comparator.comparing((ConstraintDescriptor<?> d) ->
                        d.getAnnotation().annotationType().getName())
                .thenComparing(d -> d.getAnnotation().toString()));
        return list;
    }

    static String name(ConstraintDescriptor<?> descriptor) {
        return descriptor.getAnnotation().annotationType().getSimpleName();
    }

    private String message(ConstraintDescriptor<?> descriptor, Class<?> contract) {
        return interpolator.interpolate(
                descriptor.getMessageTemplate(), new InterpolationContext(descriptor, null, contract));
    }

    private static List<String> selectedProperties(RowMapping mapping, List<SqlCheck> checks) {
        Set<String> used = new LinkedHashSet<>();
        checks.forEach(c -> used.addAll(c.properties()));
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < mapping.size(); i++) {
            if (used.contains(mapping.property(i))) {
                selected.add(mapping.property(i));
            }
        }
        return selected;
    }

    /**
     * {@code SELECT key, [numbers of the failed checks], columns read FROM (...) WHERE the list is not
     * empty}: one scan of the table, one row per row that breaks at least one check.
     */
    private static String query(RowMapping mapping, List<SqlCheck> checks, List<String> selected, String where) {
        if (checks.isEmpty()) {
            return null;
        }
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < checks.size(); i++) {
            cases.append(i == 0 ? "" : ", ")
                    .append("CASE WHEN ")
                    .append(checks.get(i).violation())
                    .append(" THEN ")
                    .append(i)
                    .append(" END");
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT ")
                .append(mapping.keyColumn())
                .append(" AS ")
                .append(Sql.identifier("row_key"))
                .append(", list_filter(list_value(")
                .append(cases)
                .append("), lambda x: x IS NOT NULL) AS ")
                .append(Sql.identifier(FAILED));
        for (String property : selected) {
            sql.append(", ").append(RowMapping.select(mapping.column(property)));
        }
        return sql.append(" FROM ")
                .append(Sql.identifier(mapping.table().sqlName()))
                .append(where)
                .append(") WHERE len(")
                .append(Sql.identifier(FAILED))
                .append(") > 0 ORDER BY 1 NULLS FIRST")
                .toString();
    }

    private static String classViolation(ConstraintDescriptor<?> descriptor, RowMapping mapping, List<String> used)
            throws NoTranslation {
        Annotation annotation = descriptor.getAnnotation();
        if (!descriptor.getComposingConstraints().isEmpty()) {
            throw new NoTranslation("a composed constraint has no SQL translation");
        }
        if (annotation instanceof FulfilmentMatchesStatus f) {
            String status = columnOf(mapping, f.status(), used, ColumnType.VARCHAR);
            String[] times = {
                columnOf(mapping, f.shippedAt(), used, ColumnType.TIMESTAMPTZ),
                columnOf(mapping, f.deliveredAt(), used, ColumnType.TIMESTAMPTZ),
                columnOf(mapping, f.returnedAt(), used, ColumnType.TIMESTAMPTZ)
            };
            // NULL or unknown status: every "status = ..." is NULL or FALSE, so the check does not fire.
            return Fulfilment.RULES.stream()
                    .map(rule -> "(" + status + " = " + Sql.literal(rule.status()) + " AND NOT ("
                            + present(times[0], rule.shipped()) + " AND " + present(times[1], rule.delivered())
                            + " AND " + present(times[2], rule.returned()) + "))")
                    .collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (annotation instanceof TimestampsInOrder t) {
            String[] columns = Arrays.stream(t.value()).toArray(String[]::new);
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = columnOf(mapping, t.value()[i], used, ColumnType.TIMESTAMPTZ);
            }
            for (int i = 0; i < columns.length; i++) {
                for (int j = i + 1; j < columns.length; j++) {
                    // NULL on either side: NULL, which never fires; NULL OR TRUE is TRUE.
                    pairs.add(columns[i] + " > " + columns[j]);
                }
            }
            return pairs.isEmpty() ? "FALSE" : pairs.stream().collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (annotation instanceof CostBelowRetailPrice c) {
            return "(" + columnOf(mapping, c.cost(), used, ColumnType.DOUBLE) + " >= "
                    + columnOf(mapping, c.retailPrice(), used, ColumnType.DOUBLE) + ")";
        }
        throw new NoTranslation("no SQL translation for the class-level @" + name(descriptor));
    }

    private static String present(String column, boolean present) {
        return column + (present ? " IS NOT NULL" : " IS NULL");
    }

    private static String columnOf(RowMapping mapping, String property, List<String> used, ColumnType type) {
        Column column = mapping.column(property);
        if (column.type() != type) {
            throw new ConfigurationException(
                    "The property " + property + " of " + mapping.type().getName() + " must be a "
                            + RowMapping.javaType(type).getSimpleName() + " for its class-level constraint");
        }
        used.add(property);
        return Sql.identifier(column.name());
    }

    static String propertyViolation(ConstraintDescriptor<?> descriptor, Column column) throws NoTranslation {
        Annotation annotation = descriptor.getAnnotation();
        String c = Sql.identifier(column.name());
        if (annotation instanceof NotNull) {
            return c + " IS NULL";
        }
        if (annotation instanceof Null) {
            return c + " IS NOT NULL";
        }
        if (!descriptor.getComposingConstraints().isEmpty()) {
            throw new NoTranslation("a composed constraint has no SQL translation");
        }
        if (annotation instanceof Positive) {
            return numeric(column, c) + " <= 0";
        }
        if (annotation instanceof PositiveOrZero) {
            return numeric(column, c) + " < 0";
        }
        if (annotation instanceof Negative) {
            return numeric(column, c) + " >= 0";
        }
        if (annotation instanceof NegativeOrZero) {
            return numeric(column, c) + " > 0";
        }
        if (annotation instanceof Min min) {
            return numeric(column, c) + " < " + min.value();
        }
        if (annotation instanceof Max max) {
            return numeric(column, c) + " > " + max.value();
        }
        if (annotation instanceof DecimalMin min) {
            return decimalBound(column, c, new BigDecimal(min.value()), true, min.inclusive());
        }
        if (annotation instanceof DecimalMax max) {
            return decimalBound(column, c, new BigDecimal(max.value()), false, max.inclusive());
        }
        if (annotation instanceof Pattern pattern) {
            text(column, descriptor);
            if (pattern.flags().length > 0) {
                throw new NoTranslation("@Pattern flags have no RE2 equivalent");
            }
            checkRe2(pattern.regexp());
            return "NOT regexp_full_match(" + c + ", " + Sql.literal(pattern.regexp()) + ")";
        }
        if (annotation instanceof Size size) {
            text(column, descriptor);
            // Java counts UTF-16 units: DuckDB's characters plus one more for each outside the BMP.
            String length = "(length(" + c + ") + length(regexp_replace(" + c + ", "
                    + Sql.literal("[^\\x{10000}-\\x{10FFFF}]") + ", '', 'g')))";
            List<String> sides = new ArrayList<>();
            if (size.min() > 0) {
                sides.add(length + " < " + size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                sides.add(length + " > " + size.max());
            }
            return sides.isEmpty() ? "FALSE" : sides.stream().collect(Collectors.joining(" OR ", "(", ")"));
        }
        if (annotation instanceof NotBlank) {
            text(column, descriptor);
            return "(" + c + " IS NULL OR regexp_full_match(" + c + ", " + Sql.literal(JAVA_WHITESPACE) + "))";
        }
        if (annotation instanceof NotEmpty) {
            text(column, descriptor);
            return "(" + c + " IS NULL OR length(" + c + ") = 0)";
        }
        if (annotation instanceof OneOf oneOf) {
            text(column, descriptor);
            if (oneOf.value().length == 0) {
                return c + " IS NOT NULL";
            }
            return c + " NOT IN ("
                    + Arrays.stream(oneOf.value()).map(Sql::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (annotation instanceof Email) {
            throw new NoTranslation("Hibernate Validator's @Email check (local part and domain grammar, label"
                    + " lengths, IDN) has no faithful SQL translation");
        }
        throw new NoTranslation("no SQL translation for @" + name(descriptor));
    }

    private static String numeric(Column column, String c) throws NoTranslation {
        if (column.type() != ColumnType.BIGINT && column.type() != ColumnType.DOUBLE) {
            throw new NoTranslation("a number constraint on a " + column.type().sql() + " column");
        }
        return c;
    }

    private static void text(Column column, ConstraintDescriptor<?> descriptor) throws NoTranslation {
        if (column.type() != ColumnType.VARCHAR) {
            throw new NoTranslation(
                    "@" + name(descriptor) + " on a " + column.type().sql() + " column");
        }
    }

    /**
     * A decimal bound. On DOUBLE both sides compare as doubles; on BIGINT the bound is rounded to the
     * integer that gives the same answer for every integer value.
     */
    private static String decimalBound(Column column, String c, BigDecimal bound, boolean lower, boolean inclusive)
            throws NoTranslation {
        numeric(column, c);
        if (column.type() == ColumnType.DOUBLE) {
            String literal = "CAST(" + Sql.literal(bound.toPlainString()) + " AS DOUBLE)";
            if (lower) {
                return c + (inclusive ? " < " : " <= ") + literal;
            }
            return c + (inclusive ? " > " : " >= ") + literal;
        }
        if (lower) {
            // c < b  <=>  c < ceil(b);  c <= b  <=>  c <= floor(b)
            return inclusive
                    ? c + " < " + bound.setScale(0, RoundingMode.CEILING).toBigInteger()
                    : c + " <= " + bound.setScale(0, RoundingMode.FLOOR).toBigInteger();
        }
        // c > b  <=>  c > floor(b);  c >= b  <=>  c >= ceil(b)
        return inclusive
                ? c + " > " + bound.setScale(0, RoundingMode.FLOOR).toBigInteger()
                : c + " >= " + bound.setScale(0, RoundingMode.CEILING).toBigInteger();
    }

    /** Accepts only regular expressions that Java and RE2 read alike. */
    static void checkRe2(String regexp) throws NoTranslation {
        for (String construct : NOT_RE2) {
            if (regexp.contains(construct)) {
                throw new NoTranslation("the @Pattern uses " + construct + ", which RE2 reads differently");
            }
        }
        boolean escaped = false;
        int classDepth = 0;
        for (int i = 0; i < regexp.length(); i++) {
            char ch = regexp.charAt(i);
            if (escaped) {
                if (Character.isDigit(ch)) {
                    throw new NoTranslation("the @Pattern uses a back-reference, which RE2 lacks");
                }
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (ch == '[') {
                if (classDepth > 0) {
                    throw new NoTranslation("the @Pattern nests character classes, which RE2 lacks");
                }
                classDepth++;
            } else if (ch == '(' && classDepth == 0 && regexp.startsWith("(?", i) && !regexp.startsWith("(?:", i)) {
                throw new NoTranslation(
                        "the @Pattern uses inline flags or special groups, which RE2 reads differently");
            } else if (ch == ']' && classDepth > 0) {
                classDepth--;
            } else if (ch == '.' && classDepth == 0) {
                // Java's '.' also refuses \r, \u0085, \u2028 and \u2029; RE2's only \n.
                throw new NoTranslation("the @Pattern uses '.', which Java and RE2 read differently");
            } else if (ch == '$' && classDepth == 0) {
                throw new NoTranslation("the @Pattern uses '$', which Java and RE2 read differently");
            }
        }
        if (classDepth > 0) {
            throw new NoTranslation("the @Pattern has an unclosed character class");
        }
    }
}
