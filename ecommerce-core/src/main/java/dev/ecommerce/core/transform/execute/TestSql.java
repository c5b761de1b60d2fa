package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.transform.project.TestConfig;
import dev.ecommerce.core.warehouse.Sql;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The SQL of dbt's four built-in generic tests (each selects the failing rows), and what runs a test. */
public final class TestSql {

    private static final Pattern RAW_VALUE =
            Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false|null", Pattern.CASE_INSENSITIVE);

    private TestSql() {}

    /**
     * @param relation the tested relation's SQL name
     * @param toRelation for relationships, the parent relation's SQL name
     */
    public static String of(GenericTest test, String relation, String toRelation) {
        String where = test.config().where();
        String model = where == null ? relation : "(select * from " + relation + " where " + where + ")";
        String column = quote(test, test.column());
        return switch (test.kind()) {
            case "not_null" -> "select " + column + " from " + model + " as t where " + column + " is null";
            case "unique" ->
                "select " + column + " as unique_field, count(*) as n_records from " + model + " as t where " + column
                        + " is not null group by " + column + " having count(*) > 1";
            case "accepted_values" -> {
                boolean quote = !Boolean.FALSE.equals(test.arguments().get("quote"))
                        && !"false".equals(String.valueOf(test.arguments().get("quote")));
                List<?> values = (List<?>) test.arguments().get("values");
                String list = values.stream().map(v -> value(test, v, quote)).collect(Collectors.joining(", "));
                yield "select " + column + " as value_field, count(*) as n_records from " + model + " as t group by "
                        + column + " having " + column + " not in (" + list + ")";
            }
            case "relationships" -> {
                String field = quote(test, String.valueOf(test.arguments().get("field")));
                yield "select child." + column + " as from_field from " + model + " as child left join " + toRelation
                        + " as parent on child." + column + " = parent." + field + " where child." + column
                        + " is not null and parent." + field + " is null";
            }
            default -> throw new IllegalStateException(test.kind());
        };
    }

    /**
     * What a test runs, as dbt's {@code get_test_sql} writes it: one row with the failures ({@code fail_calc} over
     * the failing rows, at most {@code limit} of them) and whether they make it warn or fail.
     */
    public static String failures(TestConfig config, String sql) {
        String calc = config.failCalc();
        return "select\n      " + calc + " as failures,\n      " + calc + " " + config.warnIf() + " as should_warn,\n"
                + "      " + calc + " " + config.errorIf() + " as should_error\n    from (\n" + sql + "\n"
                + (config.limit() == null ? "" : "      limit " + config.limit() + "\n") + "    ) dbt_internal_test";
    }

    /** dbt's {@code get_where_subquery}: what {@code model} is in a generic test, filtered by its {@code where}. */
    public static String model(String relation, String where) {
        return where == null ? relation : "(select * from " + relation + " where " + where + ") dbt_subquery";
    }

    private static String quote(GenericTest test, String column) {
        try {
            return Sql.identifier(column);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(test.file() + " (test " + test.name() + "): column '" + column
                    + "' must be a lower-case SQL name.");
        }
    }

    private static String value(GenericTest test, Object value, boolean quote) {
        if (quote) {
            return Sql.literal(String.valueOf(value));
        }
        String raw = String.valueOf(value);
        if (!RAW_VALUE.matcher(raw).matches()) {
            throw new ConfigurationException(test.file() + " (test " + test.name() + "): with quote: false, values must"
                    + " be numbers, true, false or null (got '" + raw + "').");
        }
        return raw;
    }
}
