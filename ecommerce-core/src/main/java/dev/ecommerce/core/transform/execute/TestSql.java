package dev.ecommerce.core.transform.execute;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.project.Definitions.GenericTest;
import dev.ecommerce.core.warehouse.Sql;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The SQL of dbt's four generic tests: each selects the failing rows. */
public final class TestSql {

    private static final Pattern RAW_VALUE =
            Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false|null", Pattern.CASE_INSENSITIVE);

    private TestSql() {}

    /**
     * @param relation the tested relation's SQL name
     * @param toRelation for relationships, the parent relation's SQL name
     */
    public static String of(GenericTest test, String relation, String toRelation) {
        String model = test.where() == null ? relation : "(select * from " + relation + " where " + test.where() + ")";
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
