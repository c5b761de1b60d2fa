package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine on the fixture project {@code shop}, on real DuckDB. */
class EmbeddedEngineTest {

    @TempDir
    Path dir;

    private ShopProject shop;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void copyFixture() throws Exception {
        shop = ShopProject.copyTo(dir);
    }

    private TransformResult build() {
        return Pipeline.transform(shop.spec(), event -> log.add(String.valueOf(event)));
    }

    private static Map<String, Status> statuses(TransformResult result) {
        Map<String, Status> statuses = new java.util.LinkedHashMap<>();
        result.nodes().forEach(n -> statuses.put(n.uniqueId(), n.status()));
        return statuses;
    }

    @Test
    void buildsSeedsModelsTestsAndUnitTestsInDependencyOrder() throws Exception {
        TransformResult result = build();

        assertThat(result.succeeded()).isTrue();
        List<String> ids = result.nodes().stream().map(NodeResult::uniqueId).toList();
        assertThat(ids)
                .startsWith("test.shop.source_not_null_raw_orders_id.f232a64478", "seed.shop.countries")
                .contains(
                        "model.shop.stg_orders",
                        "test.shop.unique_stg_orders_order_id.e3b841c71a",
                        "test.shop.accepted_values_stg_orders_status__paid__open__cancelled.1b2f517b41",
                        "test.shop.relationships_stg_orders_country__code__ref_countries_.f08f0a5cf9",
                        "test.shop.assert_amounts_positive",
                        "unit_test.shop.revenue_by_country.revenue_sums_paid_orders",
                        "model.shop.revenue_by_country",
                        "model.shop.orders_latest",
                        "model.shop.orders_log")
                .doesNotContain("model.shop.paid_orders"); // ephemeral: inlined, never run
        assertThat(ids.indexOf("model.shop.stg_orders"))
                .isLessThan(ids.indexOf("test.shop.unique_stg_orders_order_id.e3b841c71a"));
        assertThat(ids.indexOf("unit_test.shop.revenue_by_country.revenue_sums_paid_orders"))
                .isLessThan(ids.indexOf("model.shop.revenue_by_country"));
        assertThat(result.nodes()).extracting(NodeResult::status).containsOnly(Status.SUCCESS, Status.PASS);

        // +schema marts -> main_marts (dbt's generate_schema_name); the folder's +materialized and the macro
        assertThat(shop.rows("SELECT table_schema, table_type FROM information_schema.tables"
                        + " WHERE table_name = 'revenue_by_country'"))
                .containsExactly(List.of("main_marts", "BASE TABLE"));
        assertThat(shop.rows("SELECT table_type FROM information_schema.tables WHERE table_name = 'stg_orders'"))
                .containsExactly(List.of("VIEW"));
        assertThat(shop.rows("SELECT country_name, revenue::VARCHAR, orders FROM main_marts.revenue_by_country"
                        + " ORDER BY 1"))
                .containsExactly(List.of("France", "1.0", 1L), List.of("Germany", "15.0", 2L));
        String compiled = shop.read("target/compiled/shop/models/marts/revenue_by_country.sql");
        assertThat(compiled)
                .startsWith("with __dbt__cte__paid_orders as (")
                .contains("from \"main\".\"stg_orders\"", "join \"main\".\"countries\"");
        assertThat(shop.read("target/compiled/shop/models/staging/stg_orders.sql"))
                .contains(
                        "round(amount_cents / 100.0, 2) as amount",
                        "from \"main\".\"raw_orders\"",
                        "amount_cents >= 0");
    }

    @Test
    void writesRunResultsAndManifestInDbtsShape() throws Exception {
        TransformResult result = build();

        ObjectMapper json = new ObjectMapper();
        JsonNode runResults =
                json.readTree(shop.dir.resolve("target/run_results.json").toFile());
        assertThat(runResults.path("metadata").path("dbt_schema_version").asText())
                .isEqualTo("https://schemas.getdbt.com/dbt/run-results/v6.json");
        assertThat(runResults.path("results")).hasSize(result.nodes().size());
        JsonNode first = runResults.path("results").get(0);
        assertThat(first.path("unique_id").asText()).isEqualTo("test.shop.source_not_null_raw_orders_id.f232a64478");
        assertThat(first.path("status").asText()).isEqualTo("pass");
        assertThat(first.path("failures").asLong()).isZero();
        assertThat(runResults.path("args").path("which").asText()).isEqualTo("build");
        assertThat(Files.readString(shop.dir.resolve("work/reports/run_results.json")))
                .isEqualTo(Files.readString(shop.dir.resolve("target/run_results.json")));

        JsonNode manifest =
                json.readTree(shop.dir.resolve("target/manifest.json").toFile());
        JsonNode revenue = manifest.path("nodes").path("model.shop.revenue_by_country");
        assertThat(revenue.path("config").path("materialized").asText()).isEqualTo("table");
        assertThat(revenue.path("original_file_path").asText()).isEqualTo("models/marts/revenue_by_country.sql");
        assertThat(revenue.path("path").asText()).isEqualTo("marts/revenue_by_country.sql");
        assertThat(revenue.path("depends_on").path("nodes"))
                .extracting(JsonNode::asText)
                .containsExactly("model.shop.paid_orders", "seed.shop.countries");
        assertThat(manifest.path("nodes")
                        .path("model.shop.stg_orders")
                        .path("depends_on")
                        .path("nodes"))
                .extracting(JsonNode::asText)
                .containsExactly("source.shop.raw.orders");
        assertThat(manifest.path("child_map").path("model.shop.stg_orders"))
                .extracting(JsonNode::asText)
                .contains("model.shop.paid_orders", "model.shop.orders_latest");
        assertThat(manifest.path("sources")
                        .path("source.shop.raw.orders")
                        .path("identifier")
                        .asText())
                .isEqualTo("raw_orders");
        assertThat(result.timings().overheadSeconds()).isPositive();
    }

    @Test
    void incrementalModelsUpdateByKeyOrAppendAndFullRefreshRebuilds() throws Exception {
        build();
        shop.sql(
                "UPDATE main.raw_orders SET status = 'cancelled' WHERE id = 4",
                "INSERT INTO main.raw_orders VALUES (5, 'DE', 200, 'paid')");

        build();

        // delete+insert on order_id: ids 3..5 re-selected, order 4 updated, no duplicates
        assertThat(shop.rows("SELECT order_id, status FROM main_marts.orders_latest ORDER BY 1"))
                .containsExactly(
                        List.of(1L, "paid"),
                        List.of(2L, "paid"),
                        List.of(3L, "paid"),
                        List.of(4L, "cancelled"),
                        List.of(5L, "paid"));
        // append: only the new order is added, order 4 keeps its old status
        assertThat(shop.rows("SELECT order_id, status FROM main_marts.orders_log ORDER BY 1"))
                .containsExactly(
                        List.of(1L, "paid"),
                        List.of(2L, "paid"),
                        List.of(3L, "paid"),
                        List.of(4L, "open"),
                        List.of(5L, "paid"));
        assertThat(shop.read("target/compiled/shop/models/marts/orders_log.sql"))
                .contains("where order_id > (select max(order_id) from \"main_marts\".\"orders_log\")");

        Pipeline.transform(shop.spec(List.of("orders_log"), true, Map.of()), event -> {});

        assertThat(shop.rows("SELECT order_id, status FROM main_marts.orders_log WHERE order_id = 4"))
                .containsExactly(List.of(4L, "cancelled"));
        assertThat(shop.rows("SELECT count(*) FROM main_marts.orders_log")).containsExactly(List.of(5L));
    }

    @Test
    void aFailingDeleteInsertKeepsTheTableAsItWas() throws Exception {
        build();
        // The new batch's amount cannot be cast to the table's type: the insert fails after the delete, which
        // must roll back.
        shop.write(
                "models/marts/orders_latest.sql",
                shop.read("models/marts/orders_latest.sql")
                        .replace("select order_id, status, amount", "select order_id, status, 'lots' as amount"));

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("error model orders_latest (models/marts/orders_latest.sql)")
                .hasMessageContaining("lots");

        assertThat(shop.rows("SELECT count(*) FROM main_marts.orders_latest")).containsExactly(List.of(4L));
    }

    @Test
    void failingGenericTestsFailTheBuildNamingTestFileAndRowsAndSkipDependants() throws Exception {
        shop.sql("INSERT INTO main.raw_orders VALUES (4, 'XX', 100, 'lost')");

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fail test unique_stg_orders_order_id (models/schema.yml): 1 failing rows")
                .hasMessageContaining(
                        "fail test accepted_values_stg_orders_status__paid__open__cancelled (models/schema.yml):"
                                + " 1 failing rows")
                .hasMessageContaining("fail test relationships_stg_orders_country__code__ref_countries_")
                .hasMessageContaining("Skipped because of them: orders_latest, orders_log, revenue_by_country,"
                        + " unique_revenue_by_country_country_name");
        JsonNode results = new ObjectMapper()
                .readTree(shop.dir.resolve("target/run_results.json").toFile());
        List<String> skipped = new ArrayList<>();
        results.path("results").forEach(r -> {
            if (r.path("status").asText().equals("skipped")) {
                skipped.add(r.path("unique_id").asText());
            }
        });
        assertThat(skipped)
                .contains("model.shop.revenue_by_country", "model.shop.orders_latest", "model.shop.orders_log");
    }

    @Test
    void failingSingularAndSourceTestsFail() throws Exception {
        shop.sql("INSERT INTO main.raw_orders VALUES (NULL, 'DE', 0, 'paid')");

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fail test source_not_null_raw_orders_id (models/sources.yml): 1 failing rows")
                .hasMessageContaining(
                        "fail test assert_amounts_positive (tests/assert_amounts_positive.sql):" + " 1 failing rows");
    }

    @Test
    void aFailingUnitTestShowsTheDiffAndSkipsItsModel() throws Exception {
        shop.write("models/schema.yml", shop.read("models/schema.yml").replace("revenue: 15.0", "revenue: 16.0"));

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fail unit_test revenue_sums_paid_orders (models/schema.yml): 2 failing rows")
                .hasMessageContaining("- {country_name=Germany, revenue=16.0, orders=2}")
                .hasMessageContaining("+ {country_name=Germany, revenue=15.0, orders=2}")
                .hasMessageContaining("Skipped because of them: revenue_by_country");
    }

    @Test
    void aSqlErrorNamesTheModelFileAndDuckDbsMessage() throws Exception {
        shop.write("models/marts/broken.sql", "select no_such_column from {{ ref('stg_orders') }}");

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("error model broken (models/marts/broken.sql)")
                .hasMessageContaining("no_such_column");
    }

    @Test
    void aMissingSourceTableFailsTheModelsReadingItNamingTheSource() throws Exception {
        shop.sql("DROP TABLE main.raw_orders");

        // As in dbt, nothing is checked up front (a seed may create a source): the reading model fails.
        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("error model stg_orders (models/staging/stg_orders.sql)")
                .hasMessageContaining("has no main.raw_orders (source raw.orders, models/sources.yml): run the ingest"
                        + " goal first");
        JsonNode results = new ObjectMapper()
                .readTree(shop.dir.resolve("target/run_results.json").toFile());
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        results.path("results")
                .forEach(r -> statuses.put(
                        r.path("unique_id").asText(), r.path("status").asText()));
        assertThat(statuses)
                .containsEntry("seed.shop.countries", "success")
                .containsEntry("model.shop.stg_orders", "error")
                .containsEntry("model.shop.revenue_by_country", "skipped");
    }

    @Test
    void manyFailuresAreListedBriefly() throws Exception {
        for (int i = 0; i < 25; i++) {
            shop.write("models/broken_" + i + ".sql", "select no_such_column from {{ ref('stg_orders') }}");
        }

        assertThatThrownBy(this::build)
                .isInstanceOf(DataException.class)
                .hasMessageContaining("The dbt build failed: 25 nodes failed")
                .hasMessageContaining("... and 5 more")
                .hasMessageNotContaining("LINE 1:");
    }

    @Test
    void unsupportedTargetSettingsAndMotherDuckGiveClearErrors() throws Exception {
        shop.write("profiles.yml", shop.read("profiles.yml") + """
                    dev:
                      type: duckdb
                      path: dev.duckdb
                      attach:
                        - path: other.duckdb
                    prod:
                      type: duckdb
                      path: "md:nowhere"
                """);
        TransformSpec dev = shop.spec("dev", Map.of());
        assertThatThrownBy(() -> Pipeline.transform(dev, event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("profiles.yml shop.outputs.dev: 'attach' is not supported by the embedded"
                        + " engine: remove it, or run with " + Setting.TRANSFORM_ENGINE.set("dbt") + ".");

        TransformSpec prod = shop.spec("prod", Map.of("MOTHERDUCK_TOKEN", "not-a-token"));
        assertThatThrownBy(() -> Pipeline.transform(prod, event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The DuckDB motherduck extension is not installed, so md:nowhere (profiles.yml"
                        + " target prod) cannot be reached")
                .message()
                .doesNotContainIgnoringCase("download")
                .doesNotContainIgnoringCase("http");

        TransformSpec unknown = shop.spec("qa", Map.of());
        assertThatThrownBy(() -> Pipeline.transform(unknown, event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has no output 'qa': set " + Setting.TRANSFORM_TARGET.ref() + " to one of"
                        + " [local, dev, prod]");
    }

    @Test
    void aDisabledModelIsNotBuiltNorTestedAndCannotBeReferenced() throws Exception {
        shop.write("models/marts/schema.yml", """
                models:
                  - name: orders_log
                    config:
                      enabled: false
                    columns:
                      - name: order_id
                        tests: [unique]
                """);

        TransformResult result = build();

        assertThat(statuses(result).keySet()).noneMatch(id -> id.contains("orders_log"));
        shop.write("models/uses_log.sql", "select * from {{ ref('orders_log') }}");
        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/uses_log.sql: ref('orders_log') names a disabled model");
    }

    @Test
    void schemaFileConfigsAndTagsApplyToSeedsAndModels() throws Exception {
        shop.write("seeds/seeds.yml", """
                seeds:
                  - name: countries
                    config:
                      schema: reference
                """);
        shop.write("models/marts/schema.yml", """
                models:
                  - name: orders_log
                    tags: [nightly]
                """);

        TransformResult result = build();

        assertThat(result.succeeded()).isTrue();
        assertThat(shop.rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 'countries'"))
                .containsExactly(List.of("main_reference"));
        assertThat(shop.read("target/compiled/shop/models/marts/revenue_by_country.sql"))
                .contains("join \"main_reference\".\"countries\"");
        TransformResult nightly = Pipeline.transform(shop.spec(List.of("tag:nightly"), false, Map.of()), e -> {});
        assertThat(statuses(nightly).keySet().stream().filter(id -> id.startsWith("model.")))
                .containsExactly("model.shop.orders_log");
    }

    @Test
    void aCycleIsAnErrorNamingIt() {
        shop.write("models/a.sql", "select * from {{ ref('b') }}");
        shop.write("models/b.sql", "select * from {{ ref('a') }}");

        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The models have a cycle: a -> b -> a");
    }

    @Test
    void unsupportedConfigsAndJinjaNameTheFileAndLine() {
        shop.write("models/x.sql", "{{ config(materialized='table', sql_header='set x = 1') }}\nselect 1 as x");
        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/x.sql: config 'sql_header': sql_header is not run by the embedded engine")
                .hasMessageContaining("line 1");

        shop.write("models/x.sql", "select 1 as x\n{{ config(materialized='snapshot') }}");
        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("materialization 'snapshot' is not supported");

        shop.write("models/x.sql", "select 1 as x\n\n{{ adapter.dispatch('x')() }}");
        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/x.sql line 3");

        shop.write("models/x.sql", "select 1 as x\n{% materialization foo %}{% endmaterialization %}");
        assertThatThrownBy(this::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/x.sql line 2")
                .hasMessageContaining("materialization");
    }

    @Test
    void rendersVarsEnvVarsTargetAndThis() throws Exception {
        shop.write(
                "models/render.sql",
                "select '{{ var('greeting', 'hi') }}' as greeting,"
                        + " '{{ env_var('SHOP_COLOUR', 'blue') }}' as colour, '{{ target.name }}/{{ target.schema }}/"
                        + "{{ target.type }}' as target, '{{ this }}' as self,"
                        + " '{{ this.schema }}|{{ this.identifier }}' as self_parts, {{ var('min_amount') }} as min_amount");

        Pipeline.transform(
                shop.spec(List.of("render"), false, Map.of("greeting", "hello", "min_amount", 7)), event -> {});

        assertThat(shop.rows("SELECT * FROM main.render"))
                .containsExactly(
                        List.of("hello", "blue", "local/main/duckdb", "\"main\".\"render\"", "main|render", 7));
        shop.write("models/render.sql", "select '{{ env_var('SHOP_MISSING') }}' as x");
        assertThatThrownBy(() -> Pipeline.transform(shop.spec(List.of("render"), false, Map.of()), event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/render.sql: the environment variable SHOP_MISSING is required");
        shop.write("models/render.sql", "select '{{ var('nope') }}' as x");
        assertThatThrownBy(() -> Pipeline.transform(shop.spec(List.of("render"), false, Map.of()), event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("required var 'nope' is not set");
    }

    @Test
    void selectsModelsWithTheirAncestorsOrDescendantsTagsAndPaths() throws Exception {
        TransformResult upstream =
                Pipeline.transform(shop.spec(List.of("+revenue_by_country"), false, Map.of()), event -> {});
        // as in dbt, the source raw.orders is an ancestor too, so the test on it is selected (eagerly)
        assertThat(statuses(upstream).keySet())
                .contains(
                        "seed.shop.countries",
                        "model.shop.stg_orders",
                        "model.shop.revenue_by_country",
                        "test.shop.source_not_null_raw_orders_id.f232a64478")
                .doesNotContain("model.shop.orders_log");

        TransformResult downstream =
                Pipeline.transform(shop.spec(List.of("stg_orders+"), false, Map.of()), event -> {});
        assertThat(statuses(downstream).keySet())
                .contains("model.shop.stg_orders", "model.shop.orders_log", "model.shop.revenue_by_country")
                .doesNotContain("seed.shop.countries");

        TransformResult tagged = Pipeline.transform(shop.spec(List.of("tag:staging"), false, Map.of()), event -> {});
        assertThat(statuses(tagged).keySet()).contains("model.shop.stg_orders").doesNotContain("model.shop.orders_log");

        TransformResult path =
                Pipeline.transform(shop.spec(List.of("path:models/marts"), false, Map.of()), event -> {});
        assertThat(statuses(path).keySet().stream().filter(id -> id.startsWith("model.")))
                .containsExactlyInAnyOrder(
                        "model.shop.revenue_by_country", "model.shop.orders_latest", "model.shop.orders_log");

        // a selection that matches nothing is a warning in dbt: nothing runs
        List<String> log = new ArrayList<>();
        TransformResult nothing =
                Pipeline.transform(shop.spec(List.of("nothing"), false, Map.of()), event -> log.add(event.toString()));
        assertThat(nothing.nodes()).isEmpty();
        assertThat(log)
                .anyMatch(line -> line.contains("The selection criterion 'nothing' does not match any enabled nodes"))
                .anyMatch(line -> line.contains("Nothing to do."));
    }
}
