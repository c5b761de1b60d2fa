package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.DataException;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-duckdb's external sources ({@code meta.external_location}) and {@code external} materialization in the
 * embedded engine, with local files: the fixture project {@code shop} on a target {@code files} that reads its
 * raw orders from {@code in/orders.parquet} and writes its marts under {@code external_root}.
 */
class ExternalFilesEngineTest {

    @TempDir
    Path dir;

    private ShopProject shop;

    @BeforeEach
    void filesTarget() throws Exception {
        shop = ShopProject.copyTo(dir);
        shop.write("profiles.yml", shop.read("profiles.yml") + """
                            files:
                              type: duckdb
                              path: files.duckdb
                              schema: main
                              extensions: [httpfs, parquet, aws]
                              external_root: "{{ env_var('SHOP_OUT', 'out') }}"
                        """);
        shop.write(
                "models/sources.yml",
                shop.read("models/sources.yml")
                        .replace(
                                "    schema: main\n",
                                "    schema: main\n    meta:\n      external_location: \"{{ 'in/{name}.parquet'"
                                        + " if target.name == 'files' else '' }}\"\n"));
        shop.write(
                "dbt_project.yml",
                shop.read("dbt_project.yml")
                        .replace("'view' if target.name == 'other'", "'external' if target.name == 'files'"));
        shop.write(
                "models/marts/paid_export.sql",
                "{{ config(materialized='external', location='exports/paid.parquet') }}\n"
                        + "select order_id, amount from {{ ref('stg_orders') }} where status = 'paid'\n");
        Files.createDirectories(dir.resolve("in"));
        shop.sql("COPY (SELECT * FROM main.raw_orders) TO '" + dir.resolve("in/orders.parquet") + "' (FORMAT PARQUET)");
    }

    @Test
    void readsSourcesFromTheirFilesAndWritesExternalModelsAsParquetWithAViewOverThem() throws Exception {
        TransformResult result = Pipeline.transform(shop.spec("files", Map.of()), event -> {});

        assertThat(result.nodes())
                .allSatisfy(n -> assertThat(n.status())
                        .as(n.uniqueId() + ": " + n.message())
                        .isIn(Status.SUCCESS, Status.PASS));
        assertThat(result.target()).isEqualTo("files");
        // <external_root>/<model>.parquet, and config location
        assertThat(query("SELECT country_name, revenue::VARCHAR, orders FROM read_parquet('"
                        + dir.resolve("out/revenue_by_country.parquet") + "') ORDER BY 1"))
                .containsExactly(List.of("France", "1.0", 1L), List.of("Germany", "15.0", 2L));
        assertThat(query("SELECT count(*) FROM read_parquet('" + dir.resolve("exports/paid.parquet") + "')"))
                .containsExactly(List.of(3L));
        assertThat(result.nodes().stream()
                        .filter(n -> n.name().equals("paid_export"))
                        .findFirst()
                        .orElseThrow()
                        .rowsAffected())
                .isEqualTo(3);
        // the model's relation is a view over the file, so refs and tests downstream read it
        assertThat(query("SELECT table_schema, table_type FROM information_schema.tables WHERE table_catalog = 'files'"
                        + " AND table_name IN ('revenue_by_country', 'raw_orders') ORDER BY 1"))
                .containsExactly(List.of("main_marts", "VIEW"));
        assertThat(query("SELECT count(*) FROM files.main_marts.revenue_by_country"))
                .containsExactly(List.of(2L));
        assertThat(shop.read("target/compiled/shop/models/staging/stg_orders.sql"))
                .contains("read_parquet('" + dir.resolve("in/orders.parquet").toAbsolutePath() + "')");
    }

    @Test
    void aMissingInputFileIsAnErrorNamingTheSourceAndTheLocation() throws Exception {
        Files.delete(dir.resolve("in/orders.parquet"));

        assertThatThrownBy(() -> Pipeline.transform(shop.spec("files", Map.of()), event -> {}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("source raw.orders (models/sources.yml")
                .hasMessageContaining("reads in/orders.parquet")
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    @Test
    void aLocationWithAnotherSchemeIsRejectedNotWrittenToALocalFolderOfThatName() throws Exception {
        assertThatThrownBy(
                        () -> Pipeline.transform(shop.spec("files", Map.of("SHOP_OUT", "S3://bucket/marts")), e -> {}))
                .isInstanceOf(dev.ecommerce.core.ConfigurationException.class)
                .hasMessageContaining("The location S3://bucket/marts/revenue_by_country.parquet is neither a local"
                        + " path nor s3://<bucket>/<key>");
        assertThat(Files.exists(dir.resolve("S3:"))).isFalse();
    }

    @Test
    void anExternalModelThatCannotBeWrittenErrorsNamingItsLocationAndSkipsItsDependants() throws Exception {
        Files.writeString(dir.resolve("blocked"), "a file where the folder should be");

        assertThatThrownBy(() -> Pipeline.transform(shop.spec("files", Map.of("SHOP_OUT", "blocked/marts")), e -> {}))
                // not the data's fault: the file system's, reported as such with its cause
                .isInstanceOf(dev.ecommerce.core.InfrastructureException.class)
                .hasCauseInstanceOf(dev.ecommerce.core.InfrastructureException.class)
                .hasMessageContaining("error model revenue_by_country (models/marts/revenue_by_country.sql)")
                .hasMessageContaining("Cannot write " + dir.resolve("blocked/marts/revenue_by_country.parquet"))
                .hasMessageContaining("Skipped because of them: unique_revenue_by_country_country_name");
        assertThat(Files.exists(dir.resolve("exports/paid.parquet"))).isTrue(); // not downstream: built
    }

    @Test
    void theLocalTargetStillReadsTheSourceRelation() throws Exception {
        TransformResult result = Pipeline.transform(shop.spec(), event -> {});

        assertThat(result.succeeded()).isTrue();
        assertThat(shop.rows(
                        "SELECT table_type FROM information_schema.tables WHERE table_name = 'revenue_by_country'"))
                .containsExactly(List.of("BASE TABLE"));
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    private List<List<Object>> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("ATTACH '" + dir.resolve("files.duckdb") + "' AS files (READ_ONLY)");
            return ShopProject.rows(c, sql);
        }
    }
}
