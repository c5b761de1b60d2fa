package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's dbt project ({@code transform/}) is portable: every model and singular test, rendered for a
 * BigQuery target (the embedded renderer with target type bigquery; no database), has no DuckDB-only function,
 * type or syntax left. That the DuckDB render still builds with the same results is {@link ThelookProjectTest}'s.
 */
class PortableTransformTest {

    private static final Path PROJECT = Path.of("..", "transform");

    /** DuckDB SQL that BigQuery does not have (or reads differently), by what to use instead. */
    private static final Map<String, Pattern> DUCKDB_ONLY = duckDbOnly();

    private static Map<String, Pattern> duckDbOnly() {
        Map<String, Pattern> constructs = new LinkedHashMap<>();
        constructs.put("a :: cast (use cast(x as type))", Pattern.compile("::"));
        constructs.put("a FILTER clause (use count_where/sum_where)", Pattern.compile("(?i)\\bfilter\\s*\\(\\s*where"));
        constructs.put(
                "date_diff/date_trunc/date_part with the part first (use dbt.datediff, dbt.date_trunc)",
                Pattern.compile("(?i)\\b(date_diff|date_trunc|date_part|datepart)\\s*\\(\\s*'"));
        constructs.put(
                "a DuckDB-only function",
                Pattern.compile("(?i)\\b(datediff|dateadd|date_add|date_sub|strftime|strptime|epoch|epoch_ms|"
                        + "make_date|make_timestamp|timezone|now|today|year|quarter|month|day|week|weekofyear|"
                        + "dayofyear|dayofmonth|dayofweek|isodow|isoyear|monthname|dayname|yearweek|"
                        + "generate_series|range|list_\\w+|array_\\w+_agg|string_split|split_part|str_split|"
                        + "regexp_matches|regexp_full_match|try_cast|arbitrary|bool_or|bool_and|hash|position|"
                        + "struct_pack|list|len|strlen|printf|format|concat_ws|columns)\\s*\\("));
        constructs.put(
                "a DuckDB type name (use dbt.type_string(), dbt.type_bigint(), type_double(), ...)",
                Pattern.compile("(?i)\\bas\\s+(varchar|text|double|real|hugeint|ubigint|uinteger|usmallint|"
                        + "utinyint|tinyint|timestamptz|blob|uuid|json)\\b"));
        constructs.put("GROUP BY ALL / ORDER BY ALL", Pattern.compile("(?i)\\b(group|order)\\s+by\\s+all\\b"));
        constructs.put("EXCLUDE (BigQuery: * except (...))", Pattern.compile("(?i)\\bexclude\\s*\\("));
        constructs.put("// integer division (use div())", Pattern.compile("//"));
        constructs.put("a double-quoted identifier (a string in BigQuery)", Pattern.compile("\""));
        return constructs;
    }

    @TempDir
    Path dir;

    @Test
    void everyModelAndTestRendersForBigQueryWithoutDuckDbOnlySql() {
        Map<String, String> rendered = renderForBigQuery(PROJECT);

        assertThat(rendered.keySet())
                .contains(
                        "models/gold/dim_date.sql",
                        "models/staging/stg_orders.sql",
                        "tests/assert_dim_date_is_contiguous.sql")
                .hasSizeGreaterThan(30);
        rendered.forEach((file, sql) ->
                assertThat(duckDbOnlyIn(sql)).as(file + ":\n" + sql).isEmpty());
        // BigQuery's own forms are what the macros chose
        assertThat(rendered.get("models/gold/dim_date.sql"))
                .contains("unnest(generate_date_array(first_day, last_day))")
                .contains("format_date('%B', date_day)")
                .contains("mod(extract(dayofweek from date_day) + 5, 7) + 1")
                .contains("timestamp_trunc(cast(date_day as timestamp), month)");
        assertThat(rendered.get("models/staging/stg_users.sql"))
                .contains(
                        "cast(first_name as string)",
                        "cast(latitude as float64)",
                        "st_astext(user_geom)",
                        "cast(created_at as timestamp)")
                .contains("from `bigquery-public-data`.`thelook_ecommerce`.`users`");
        assertThat(rendered.get("models/gold/fct_orders.sql"))
                .contains("datetime_diff(cast(orders.shipped_at as datetime), cast(orders.created_at as datetime),"
                        + " second) / 3600.0");
    }

    @Test
    void aPlantedDuckDbOnlyConstructIsFound() throws Exception {
        Path project = dir.resolve("transform");
        ThelookProjectTest.copy(PROJECT, project);
        Path model = project.resolve("models/marts/mart_revenue_monthly.sql");
        Files.writeString(
                model,
                Files.readString(model)
                        .replace("count(*)                          ", "count(*) filter (where cost > 0)")
                        .replace("order_id,\n", "order_id::varchar as order_key, strftime(order_date, '%Y') as y,\n"));

        List<String> found = duckDbOnlyIn(renderForBigQuery(project).get("models/marts/mart_revenue_monthly.sql"));

        assertThat(found)
                .containsExactlyInAnyOrder(
                        "a :: cast (use cast(x as type)): ::",
                        "a FILTER clause (use count_where/sum_where): filter (where",
                        "a DuckDB-only function: strftime(");
    }

    @Test
    void theCheckKnowsDuckDbsDialect() {
        assertThat(duckDbOnlyIn("select cast(x as varchar), isodow(d), date_diff('day', a, b) from t group by all"))
                .containsExactly(
                        "date_diff/date_trunc/date_part with the part first (use dbt.datediff, dbt.date_trunc):"
                                + " date_diff('",
                        "a DuckDB-only function: isodow(",
                        "a DuckDB type name (use dbt.type_string(), dbt.type_bigint(), type_double(), ...): as varchar",
                        "GROUP BY ALL / ORDER BY ALL: group by all");
        // BigQuery's own forms of the same
        assertThat(duckDbOnlyIn("select cast(x as string), date_diff(b, a, day), date_trunc(d, isoweek),"
                        + " extract(dayofweek from d) -- a comment may say date_diff('day', ...) or x::int\n"
                        + "from t group by 1"))
                .isEmpty();
    }

    /** The DuckDB-only constructs in a rendered file, comments left out: "what: the text found". */
    private static List<String> duckDbOnlyIn(String sql) {
        String code = sql.replaceAll("--[^\\n]*", "");
        List<String> found = new ArrayList<>();
        DUCKDB_ONLY.forEach((what, pattern) -> {
            Matcher matcher = pattern.matcher(code);
            while (matcher.find()) {
                found.add(what + ": " + matcher.group().toLowerCase().replaceAll("\\s+", " "));
            }
        });
        return found;
    }

    /** Every model and singular test of the project, rendered as dbt-bigquery would (relations in backticks). */
    private static Map<String, String> renderForBigQuery(Path project) {
        Renderer renderer = new Renderer(Map.of(), Map.of(), false);
        renderer.target(Map.of(
                "name", "bigquery", "type", "bigquery", "schema", "thelook", "database", "my-project", "threads", 4));
        renderer.macros("thelook", Map.of(), sqlFiles(project, "macros"));
        Map<String, String> rendered = new TreeMap<>();
        for (String folder : List.of("models", "tests")) {
            sqlFiles(project, folder)
                    .forEach((file, text) -> rendered.put(
                            file,
                            renderer.render(
                                    new RenderScope(
                                            file,
                                            name -> "`my-project`.`thelook`.`" + name + "`",
                                            (source, table) ->
                                                    "`bigquery-public-data`.`thelook_ecommerce`.`" + table + "`",
                                            false,
                                            null),
                                    text)));
        }
        return rendered;
    }

    private static Map<String, String> sqlFiles(Path project, String folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(project.resolve(folder))) {
            for (Path file : paths.filter(f -> f.toString().endsWith(".sql")).toList()) {
                files.put(project.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
