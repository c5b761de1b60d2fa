package dev.ecommerce.core.transform.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dbt's cross-database macros ({@code dbt.dateadd(...)}, {@code dbt.type_string()}, ...): each call rendered
 * for a duckdb target and run on DuckDB, with the value asserted, and rendered for a bigquery target, with the
 * SQL text asserted (dbt-bigquery's).
 */
class CrossDatabaseMacrosTest {

    private static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    /**
     * A macro call, the DuckDB query around it ({@code %s} is the rendered call) with its first value as text,
     * and the call's SQL on BigQuery.
     */
    private record Case(String call, String query, String duckdbValue, String bigQuerySql) {

        static Case value(String call, String duckdbValue, String bigQuerySql) {
            return new Case(call, "select cast((%s) as varchar)", duckdbValue, bigQuerySql);
        }
    }

    private static final List<Case> CASES = List.of(
            Case.value(
                    "dbt.date_trunc('month', \"date '2024-05-17'\")",
                    "2024-05-01",
                    "timestamp_trunc(cast(date '2024-05-17' as timestamp), month)"),
            Case.value(
                    "dbt.dateadd('day', 3, \"date '2024-01-30'\")",
                    "2024-02-02 00:00:00",
                    "datetime_add(cast(date '2024-01-30' as datetime), interval 3 day)"),
            Case.value(
                    "dbt.dateadd('quarter', 1, \"date '2024-01-31'\")",
                    "2024-04-30 00:00:00",
                    "datetime_add(cast(date '2024-01-31' as datetime), interval 1 quarter)"),
            Case.value(
                    "dbt.dateadd('week', -2, 'ts')",
                    "2024-02-26 10:00:00",
                    "datetime_add(cast(ts as datetime), interval -2 week)"),
            Case.value(
                    "dbt.datediff(\"date '2024-01-31'\", \"date '2024-03-01'\", 'month')",
                    "2",
                    "datetime_diff(cast(date '2024-03-01' as datetime), cast(date '2024-01-31' as datetime), month)"),
            Case.value(
                    // Saturday to Monday crosses one week boundary (Sunday)
                    "dbt.datediff(\"date '2024-01-06'\", \"date '2024-01-08'\", 'week')",
                    "1",
                    "datetime_diff(cast(date '2024-01-08' as datetime), cast(date '2024-01-06' as datetime), week)"),
            Case.value(
                    "dbt.datediff(\"timestamp '2024-01-01 10:00:00'\", \"timestamp '2024-01-01 11:30:00'\", 'second')",
                    "5400",
                    "datetime_diff(cast(timestamp '2024-01-01 11:30:00' as datetime),"
                            + " cast(timestamp '2024-01-01 10:00:00' as datetime), second)"),
            Case.value(
                    "dbt.last_day(\"date '2024-02-10'\", 'month')",
                    "2024-02-29",
                    "cast(datetime_add(cast(datetime_add(cast(timestamp_trunc(cast(date '2024-02-10' as"
                            + " timestamp), month) as datetime), interval 1 month) as datetime), interval -1 day)"
                            + " as date)"),
            Case.value("dbt.last_day(\"date '2024-02-10'\", 'quarter')", "2024-03-31", null),
            Case.value("{{ dbt.current_timestamp() }} is not null", "true", "current_timestamp() is not null"),
            Case.value("{{ dbt.safe_cast(\"'12'\", dbt.type_int()) }} + 1", "13", "safe_cast('12' as INT64) + 1"),
            Case.value("dbt.cast(\"'12'\", dbt.type_bigint())", "12", "cast('12' as bigint)"),
            Case.value("dbt.cast_bool_to_text('1 = 1')", "true", "cast(1 = 1 as string)"),
            Case.value("typeof(cast(1 as {{ dbt.type_string() }}))", "VARCHAR", "typeof(cast(1 as string))"),
            Case.value("typeof(cast(1 as {{ dbt.type_int() }}))", "INTEGER", "typeof(cast(1 as INT64))"),
            Case.value("typeof(cast(1 as {{ dbt.type_bigint() }}))", "BIGINT", "typeof(cast(1 as bigint))"),
            Case.value("typeof(cast(1 as {{ dbt.type_float() }}))", "FLOAT", "typeof(cast(1 as FLOAT64))"),
            Case.value("typeof(cast(1 as {{ dbt.type_numeric() }}))", "DECIMAL(28,6)", "typeof(cast(1 as numeric))"),
            Case.value(
                    "typeof(cast('2024-01-01' as {{ dbt.type_timestamp() }}))",
                    "TIMESTAMP",
                    "typeof(cast('2024-01-01' as timestamp))"),
            Case.value("typeof(cast(1 as {{ dbt.type_boolean() }}))", "BOOLEAN", "typeof(cast(1 as boolean))"),
            Case.value("dbt.concat([\"'a'\", \"'b'\", \"'c'\"])", "abc", "'a' || 'b' || 'c'"),
            Case.value("dbt.hash(\"'a'\")", "0cc175b9c0f1b6a831c399e269772661", "to_hex(md5(cast('a' as string)))"),
            Case.value("dbt.split_part(\"'a,b,c'\", \"','\", 2)", "b", "split('a,b,c', ',')[safe_offset(1)]"),
            Case.value(
                    "dbt.split_part(\"'a,b,c'\", \"','\", -1)",
                    "c",
                    "split('a,b,c', ',')[safe_offset(length('a,b,c') - length(replace('a,b,c', ',', '')) + 1 + -1)]"),
            Case.value("dbt.position(\"'b'\", \"'abc'\")", "2", "strpos('abc', 'b')"),
            Case.value("dbt.length(\"'abc'\")", "3", "length('abc')"),
            Case.value("dbt.replace(\"'abc'\", \"'b'\", \"'x'\")", "axc", "replace('abc', 'b', 'x')"),
            Case.value(
                    "dbt.right(\"'abcdef'\", 2)", "ef", "case when 2 = 0 then '' else substr('abcdef', -1 * (2)) end"),
            Case.value("'{{ dbt.escape_single_quotes(\"they're\") }}'", "they're", "'they\\'re'"),
            Case.value("dbt.string_literal('abc')", "abc", "'''abc'''"),
            new Case(
                    "dbt.listagg('x', \"', '\", 'order by x desc')",
                    "select %s from (values ('a'), ('c'), ('b')) as t(x)",
                    "c, b, a",
                    "string_agg(x, ', ' order by x desc)"),
            new Case(
                    "dbt.listagg('x', \"'-'\", 'order by x', 2)",
                    "select %s from (values ('a'), ('c'), ('b')) as t(x)",
                    "a-b",
                    "string_agg(x, '-' order by x limit 2)"),
            new Case(
                    "dbt.any_value('x')",
                    "select cast(%s as varchar) from (values (7), (7)) as t(x)",
                    "7",
                    "any_value(x)"),
            new Case(
                    "dbt.bool_or('x > 1')",
                    "select cast(%s as varchar) from (values (1), (2)) as t(x)",
                    "true",
                    "logical_or(x > 1)"),
            new Case(
                    "dbt.except()",
                    "select cast(count(*) as varchar) from (select 1 %s select 2)",
                    "1",
                    "except distinct"),
            new Case(
                    "dbt.intersect()",
                    "select cast(count(*) as varchar) from (select 1 %s select 2)",
                    "0",
                    "intersect distinct"),
            Case.value("dbt.array_construct(['1', '2'])", "[1, 2]", "[ 1 , 2 ]"),
            Case.value("dbt.array_construct([])", "[]", "ARRAY<INT64>[]"),
            Case.value("dbt.array_append(dbt.array_construct(['1']), '2')", "[1, 2]", "array_concat([ 1 ], [ 2 ])"),
            Case.value(
                    "dbt.array_concat(dbt.array_construct(['1']), dbt.array_construct(['2', '3']))",
                    "[1, 2, 3]",
                    "array_concat([ 1 ], [ 2 , 3 ])"),
            new Case(
                    "dbt.generate_series(5)",
                    "select cast(count(*) || ' ' || max(generated_number) as varchar) from (%s)",
                    "5 5",
                    null),
            new Case(
                    "dbt.default__generate_series(5)",
                    "select cast(count(*) || ' ' || max(generated_number) as varchar) from (%s)",
                    "5 5.0", // power() is a double in DuckDB,
                    null));

    private static Renderer renderer(String type) {
        Renderer renderer = new Renderer(Map.of(), Map.of(), false);
        renderer.target(Map.of("schema", "main", "name", "dev", "database", "db", "type", type));
        renderer.macros("my_project", Map.of(), Map.of());
        return renderer;
    }

    /** The call in the template's own braces unless it writes them (a type inside a cast). */
    private static String template(String call) {
        return call.contains("{{") ? call : "{{ " + call + " }}";
    }

    private static String render(Renderer renderer, String call) {
        return renderer.render(RenderScope.plain("models/m.sql"), template(call))
                .strip()
                .replaceAll("\\s+", " ")
                .replace("( ", "(")
                .replace(" )", ")");
    }

    @Test
    void everyMacroRunsOnDuckDbWithDbtDuckdbsResult() throws SQLException {
        Renderer renderer = renderer("duckdb");
        List<String> failures = new ArrayList<>();
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("create or replace table t_ts as select timestamp '2024-03-11 10:00:00' as ts");
        }
        for (Case c : CASES) {
            String sql = c.query().formatted(render(renderer, c.call()));
            sql = c.call().contains("'ts'") ? sql + " from t_ts" : sql;
            try (Statement statement = duckdb.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                if (!c.duckdbValue().equals(rows.getString(1))) {
                    failures.add(c.call() + ": " + sql + " gave " + rows.getString(1) + ", not " + c.duckdbValue());
                }
            } catch (SQLException e) {
                failures.add(c.call() + ": " + sql + " failed: " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyMacroRendersDbtBigquerysSqlOnBigQuery() {
        Renderer renderer = renderer("bigquery");
        for (Case c : CASES) {
            if (c.bigQuerySql() != null) {
                assertThat(render(renderer, c.call())).as(c.call()).isEqualTo(c.bigQuerySql());
            }
        }
        assertThat(render(renderer, "dbt.default__generate_series(5)"))
                .contains("p0.generated_number * power(2, 0) + p1.generated_number * power(2, 1)"
                        + " + p2.generated_number * power(2, 2) + 1 as generated_number")
                .contains("from p as p0 cross join p as p1 cross join p as p2)")
                .doesNotContain("p3");
        assertThat(render(renderer, "dbt.last_day(\"date '2024-02-10'\", 'quarter')"))
                .contains("interval 1 quarter");
    }

    @Test
    void anotherAdapterGetsDbtsDefaultSql() {
        Renderer renderer = renderer("postgres");
        assertThat(render(renderer, "dbt.dateadd('day', 3, 'd')")).isEqualTo("dateadd(day, 3, d)");
        assertThat(render(renderer, "dbt.datediff('a', 'b', 'day')")).isEqualTo("datediff(day, a, b)");
        assertThat(render(renderer, "dbt.type_string()")).isEqualTo("TEXT");
        assertThat(render(renderer, "dbt.any_value('x')")).isEqualTo("any_value(x)");
        assertThat(render(renderer, "dbt.listagg('x')")).isEqualTo("listagg(x, ',')");
        assertThat(render(renderer, "dbt.current_timestamp()")).isEqualTo("current_timestamp");
        // unqualified, as dbt's global macros are callable too
        assertThat(render(renderer, "concat(['a', 'b'])")).isEqualTo("a || b");
    }
}
