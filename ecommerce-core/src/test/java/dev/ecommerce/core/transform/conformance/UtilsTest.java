package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statusesByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter's {@code utils/} cases, as that suite writes them: a seed of inputs and expected values, a
 * model computing {@code actual} with a cross-database macro of the {@code dbt} namespace, and an
 * {@code assert_equal} test comparing the two columns on every row; {@code dbt build} runs all three.
 */
class UtilsTest {

    @TempDir
    Path dir;

    /** The suite's base project: its null-safe comparison and the assert_equal generic test. */
    private DbtTestProject project() {
        return new DbtTestProject(dir).file("macros/assert_equal.sql", """
                {% test assert_equal(model, actual, expected) %}
                select * from {{ model }}
                where not ({{ actual }} = {{ expected }} or ({{ actual }} is null and {{ expected }} is null))
                {% endtest %}
                """);
    }

    /** A model {@code name} with its assert_equal test. */
    private static void model(DbtTestProject project, String name, String sql) {
        project.file("models/" + name + ".sql", sql).file("models/" + name + ".yml", """
                version: 2
                models:
                  - name: %s
                    data_tests:
                      - assert_equal:
                          actual: actual
                          expected: expected
                """.formatted(name));
    }

    @Test
    void theDateMacrosComputeWhatTheSeedExpects() {
        DbtTestProject project = project().file("seeds/data_dates.csv", """
                        from_time,interval_length,datepart,other_time,added,difference,truncated,last_of
                        2024-01-30 10:00:00,3,day,2024-02-02 09:00:00,2024-02-02 10:00:00,3,2024-01-30 00:00:00,2024-01-30
                        2023-11-30 00:00:00,3,month,2024-01-31 00:00:00,2024-02-29 00:00:00,2,2023-11-01 00:00:00,2023-11-30
                        2024-02-28 23:00:00,2,hour,2024-02-29 00:30:00,2024-02-29 01:00:00,1,2024-02-28 23:00:00,2024-02-28
                        2024-01-06 00:00:00,1,week,2024-01-08 00:00:00,2024-01-13 00:00:00,1,2024-01-01 00:00:00,2024-01-07
                        2024-01-31 00:00:00,1,quarter,2024-07-01 00:00:00,2024-04-30 00:00:00,2,2024-01-01 00:00:00,2024-03-31
                        """);
        StringBuilder added = new StringBuilder("select\n    case datepart\n");
        StringBuilder difference = new StringBuilder("select\n    case datepart\n");
        StringBuilder truncated = new StringBuilder("select\n    case datepart\n");
        StringBuilder lastOf = new StringBuilder("select\n    case datepart\n");
        for (String part : List.of("day", "month", "hour", "week", "quarter")) {
            added.append("        when '%1$s' then {{ dbt.dateadd('%1$s', 'interval_length', 'from_time') }}\n"
                    .formatted(part));
            difference.append(
                    "        when '%1$s' then {{ dbt.datediff('from_time', 'other_time', '%1$s') }}\n".formatted(part));
            truncated.append("        when '%1$s' then {{ dbt.date_trunc('%1$s', 'from_time') }}\n".formatted(part));
            lastOf.append(
                    part.equals("hour")
                            ? "        when 'hour' then cast(from_time as date)\n"
                            : "        when '%1$s' then {{ dbt.last_day('from_time', '%1$s') }}\n".formatted(part));
        }
        String from = "    end as actual,\n    %s as expected\nfrom {{ ref('data_dates') }}\n";
        model(project, "test_dateadd", added + from.formatted("added"));
        model(project, "test_datediff", difference + from.formatted("difference"));
        model(project, "test_date_trunc", truncated + from.formatted("truncated"));
        model(project, "test_last_day", lastOf + from.formatted("last_of"));

        TransformResult result = project.build();

        assertThat(statusesByName(result))
                .containsEntry("model.test.test_dateadd", Status.SUCCESS)
                .containsEntry("test.test.assert_equal_test_dateadd_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_datediff_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_date_trunc_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_last_day_actual__expected", Status.PASS);
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void theStringAndAggregateMacrosComputeWhatTheSeedExpects() throws Exception {
        DbtTestProject project = project().file("seeds/data_strings.csv", """
                        grp,word,delimiter,part,position_of,concatenated,split,found,tail
                        1,a-b-c,-,2,b,a-b-cx,b,3,-c
                        1,xyz,y,1,z,xyzx,x,3,yz
                        2,one two," ",-1,two,one twox,two,5,wo
                        """);
        model(project, "test_strings", """
                select
                    {{ dbt.concat(['word', "'x'"]) }} || '|' || {{ dbt.split_part('word', 'delimiter', 'part') }}
                        || '|' || {{ dbt.position('position_of', 'word') }} || '|' || {{ dbt.right('word', 2) }}
                        || '|' || {{ dbt.length('word') }} || '|' || {{ dbt.replace('word', "'-'", "'+'") }}
                        || '|' || {{ dbt.string_literal(dbt.escape_single_quotes("it's")) }}
                        || '|' || {{ dbt.cast_bool_to_text('part > 1') }} as actual,
                    concatenated || '|' || split || '|' || found || '|' || tail || '|' || length(word)
                        || '|' || replace(word, '-', '+') || '|' || 'it''s' || '|' || (part > 1) as expected
                from {{ ref('data_strings') }}
                """);
        model(project, "test_aggregates", """
                select
                    {{ dbt.listagg('word', "', '", 'order by word desc') }} || '/'
                        || cast({{ dbt.bool_or('part > 1') }} as {{ dbt.type_string() }}) || '/'
                        || {{ dbt.any_value('grp') }} || '/' || {{ dbt.hash('min(grp)') }} as actual,
                    case grp when 1 then 'xyz, a-b-c/true/1/' || md5('1') else 'one two/false/2/' || md5('2') end
                        as expected
                from {{ ref('data_strings') }}
                group by grp
                """);
        model(project, "test_sets", """
                with remaining as (
                    select 1 as n union all select 2 union all select 2 {{ dbt.except() }} select 1
                ), shared as (
                    select n from (select 1 as n union all select 2) as u {{ dbt.intersect() }} select 2
                )
                select
                    (select count(*) from remaining) * 10 + (select count(*) from shared) as actual,
                    11 as expected
                """);
        model(project, "test_arrays", """
                select
                    {{ dbt.array_concat(dbt.array_append(dbt.array_construct(['1', '2']), '3'), dbt.array_construct(['4'])) }}
                        as actual,
                    [1, 2, 3, 4] as expected
                """);

        TransformResult result = project.build();

        assertThat(result.succeeded()).as(result.nodes().toString()).isTrue();
        assertThat(statusesByName(result))
                .containsEntry("test.test.assert_equal_test_strings_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_aggregates_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_sets_actual__expected", Status.PASS)
                .containsEntry("test.test.assert_equal_test_arrays_actual__expected", Status.PASS);
        assertThat(project.rows("select actual from test_schema.test_strings order by actual"))
                .containsExactly(
                        List.of("a-b-cx|b|3|-c|5|a+b+c|it's|true"),
                        List.of("one twox|two|5|wo|7|one two|it's|false"),
                        List.of("xyzx|x|3|yz|3|xyz|it's|false"));
    }

    @Test
    void theTypeMacrosAreDuckDbsTypes() throws Exception {
        DbtTestProject project = project();
        project.file("models/typed.sql", """
                select
                    cast('a' as {{ dbt.type_string() }}) as s,
                    cast(1 as {{ dbt.type_int() }}) as i,
                    cast(1 as {{ dbt.type_bigint() }}) as b,
                    cast(1.5 as {{ dbt.type_float() }}) as f,
                    cast(1.5 as {{ dbt.type_numeric() }}) as n,
                    cast('2024-01-01' as {{ dbt.type_timestamp() }}) as t,
                    cast('true' as {{ dbt.type_boolean() }}) as flag,
                    {{ dbt.safe_cast("'7'", dbt.type_int()) }} as safe,
                    {{ dbt.current_timestamp() }} as now
                """);

        assertThat(project.build().succeeded()).isTrue();
        assertThat(project.rows("select column_name, data_type from information_schema.columns"
                        + " where table_name = 'typed' order by ordinal_position"))
                .containsExactly(
                        List.of("s", "VARCHAR"),
                        List.of("i", "INTEGER"),
                        List.of("b", "BIGINT"),
                        List.of("f", "FLOAT"),
                        List.of("n", "DECIMAL(28,6)"),
                        List.of("t", "TIMESTAMP"),
                        List.of("flag", "BOOLEAN"),
                        List.of("safe", "INTEGER"),
                        List.of("now", "TIMESTAMP WITH TIME ZONE"));
    }

    @Test
    void aWrongExpectationFailsAndAProjectsOwnImplementationWins() {
        DbtTestProject project = project().file("macros/my_dateadd.sql", """
                {% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
                ({{ from_date_or_timestamp }} + interval 1 year)
                {%- endmacro %}
                """);
        model(project, "wrong", "select {{ dbt.length(\"'abc'\") }} as actual, 4 as expected");
        model(project, "overridden", """
                select {{ dbt.dateadd('day', 3, "date '2024-01-01'") }} as actual,
                    timestamp '2025-01-01 00:00:00' as expected
                """);

        TransformResult result = project.build();

        Map<String, Status> statuses = statusesByName(result);
        assertThat(statuses)
                .containsEntry("test.test.assert_equal_wrong_actual__expected", Status.FAIL)
                .containsEntry("test.test.assert_equal_overridden_actual__expected", Status.PASS);
    }
}
