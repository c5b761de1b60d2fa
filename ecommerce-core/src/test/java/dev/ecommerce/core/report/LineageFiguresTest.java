package dev.ecommerce.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures on the lineage boxes, and the versions the report names. */
class LineageFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBoxShowsItsTimeAndRowsAndASourceTheRowsLoadedIntoItsTable() throws Exception {
        JsonNode manifest = JSON.readTree("""
                {"sources": {"source.p.thelook.orders": {"unique_id": "source.p.thelook.orders",
                   "source_name": "thelook", "name": "orders", "identifier": "orders"},
                 "source.p.thelook.users": {"unique_id": "source.p.thelook.users",
                   "source_name": "thelook", "name": "users", "identifier": "users"}},
                 "nodes": {"model.p.stg_orders": {"unique_id": "model.p.stg_orders", "resource_type": "model",
                   "name": "stg_orders", "depends_on": {"nodes": ["source.p.thelook.orders"]}},
                 "model.p.marts": {"unique_id": "model.p.marts", "resource_type": "model",
                   "name": "marts", "depends_on": {"nodes": ["model.p.stg_orders"]}}}}
                """);
        Map<String, JsonNode> results = Map.of(
                "model.p.stg_orders",
                JSON.readTree("{\"status\": \"success\", \"execution_time\": 0.5,"
                        + " \"adapter_response\": {\"rows_affected\": 1234}}"),
                "model.p.marts",
                JSON.readTree("{\"status\": \"success\", \"execution_time\": 61.2, \"adapter_response\": {}}"));

        String svg = Lineage.of(manifest, results, Map.of("orders", 617L)).svg();

        assertThat(svg)
                .contains("data-node=\"model.p.stg_orders\"")
                .contains("<text class=\"caption\" x=\"6\" y=\"29\">0.50 s \u00b7 1,234 rows</text>")
                .contains("<text class=\"caption\" x=\"6\" y=\"29\">1 min 01 s</text>")
                .contains("<text class=\"caption\" x=\"6\" y=\"29\">617 rows loaded</text>")
                .contains("<title>source thelook.orders: 617 rows loaded</title>")
                .contains("<text class=\"caption\" x=\"6\" y=\"29\">source</text>")
                .contains("<title>model stg_orders: success, 0.50 s \u00b7 1,234 rows</title>");
    }

    @Test
    void theVersionsAreThoseOfTheJarsOnTheClassPath() throws Exception {
        Map<String, String> versions = Versions.of(getClass().getClassLoader());

        // Each version is the one in its jar's file name (the jars of Maven's local repository).
        for (String[] library : new String[][] {
            {"DuckDB (JDBC driver)", "org.duckdb.DuckDBDriver"},
            {"Jinjava (embedded dbt engine)", "com.hubspot.jinjava.Jinjava"},
            {"AWS SDK (S3)", "software.amazon.awssdk.services.s3.S3Client"},
            {"Google Cloud BigQuery", "com.google.cloud.bigquery.BigQuery"}
        }) {
            Path jar = Path.of(Class.forName(library[1])
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            assertThat(versions.get(library[0])).as(library[0]).isNotBlank();
            assertThat(jar.getFileName().toString()).endsWith("-" + versions.get(library[0]) + ".jar");
        }
        // This build's own classes are a folder, not a jar: no version to tell.
        assertThat(versions).doesNotContainKey("ecommerce-core").doesNotContainKey("ecommerce-maven-plugin");
    }
}
