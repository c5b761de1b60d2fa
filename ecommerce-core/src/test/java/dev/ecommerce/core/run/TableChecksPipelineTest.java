package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TableChecks;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validate runs the checks on whole tables: the log, every report, and a failed check failing the goal last. */
class TableChecksPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Pipeline.ValidateResult validate(Path warehouse, TableChecks checks, List<String> log) {
        return Pipeline.validate(
                new ValidateSpec(
                        work, warehouse, List.of(Table.values()), OnInvalid.FAIL, 0.01, Map.of(), null, checks),
                event -> {
                    if (event instanceof ProgressEvent.Step step) {
                        log.add(step.message());
                    } else if (event instanceof ProgressEvent.Warning warning) {
                        log.add("WARNING " + warning.message());
                    }
                });
    }

    @Test
    void aDuplicateKeyFailsValidateAfterEveryReportWasWritten() throws Exception {
        Path warehouse = Fixtures.ingest(work, 0.005);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            // a duplicate that breaks no row contract, and an order whose user is gone
            statement.execute("INSERT INTO products SELECT * FROM products WHERE id = 11");
            statement.execute("UPDATE orders SET user_id = 999999 WHERE order_id = 3");
        }
        List<String> log = new ArrayList<>();

        assertThatThrownBy(() -> validate(warehouse, TableChecks.DEFAULTS, log))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Table checks failed:")
                .hasMessageContaining("primaryKey products (id): 2 rows share 1 keys, e.g. 11 (2 rows).")
                .hasMessageContaining(Setting.TABLE_CHECKS.set("primaryKeys: severity=warn"))
                .hasMessageNotContaining("foreignKey");

        assertThat(log).contains("Table checks:");
        assertThat(log).anyMatch(l -> l.matches("  primaryKey +products +fail +2 rows share 1 keys"));
        assertThat(log).anyMatch(l -> l.startsWith("WARNING 1 table checks warn: foreignKey orders"));

        JsonNode report = JSON.readTree(work.resolve("reports/validation.json").toFile());
        List<JsonNode> failed = new ArrayList<>();
        report.path("tableChecks").forEach(c -> {
            if (c.path("status").asText().equals("fail")) {
                failed.add(c);
            }
        });
        assertThat(failed).hasSize(1);
        List<String> fields = new ArrayList<>();
        failed.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "check", "table", "subject", "status", "severity", "observed", "offendingRows", "examples");
        assertThat(failed.get(0).path("table").asText()).isEqualTo("products");
        assertThat(failed.get(0).path("offendingRows").asLong()).isEqualTo(2);
        assertThat(failed.get(0).path("examples").get(0).asText()).isEqualTo("11 (2 rows)");

        String junit = Files.readString(work.resolve("reports/junit/TEST-ecommerce-contracts.xml"));
        assertThat(junit).contains("<testsuite name=\"table-checks\" tests=\"34\" failures=\"1\"");
        assertThat(junit)
                .contains("<testcase classname=\"table-checks.products\" name=\"primaryKey id\"><failure"
                        + " type=\"primaryKey\" message=\"2 rows share 1 keys; e.g. 11 (2 rows)\">");
        assertThat(junit)
                .contains("<system-out>WARN foreignKey orders (orders.user_id -&gt; users.id): 1 rows refer to no"
                        + " users row; e.g. orders 3 -&gt; 999999</system-out>");

        JsonNode manifest = JSON.readTree(work.resolve("manifest.json").toFile());
        assertThat(manifest.path("validation").path("tableChecks")).hasSize(34);
        assertThat(manifest.path("validation").path("tableChecks").toString())
                .contains("{\"check\":\"primaryKey\",\"table\":\"products\",\"subject\":\"id\",\"status\":\"fail\"");

        String html = Files.readString(work.resolve("report.html"));
        int failures = html.indexOf("<section id=\"failures\"");
        int checks = html.indexOf("<section id=\"table-checks\">");
        assertThat(failures).isNotNegative().isLessThan(checks);
        assertThat(html.substring(failures, html.indexOf("</section>", failures)))
                .contains("<tr class=\"failure\" data-kind=\"table check\"><td>table check</td><td class=\"mono\">"
                        + "products \u00b7 primaryKey id</td>")
                .contains("2 rows share 1 keys; e.g. 11 (2 rows)")
                .doesNotContain("foreignKey");
        String section = html.substring(checks, html.indexOf("</section>", checks));
        assertThat(section.indexOf("pill s-fail")).isLessThan(section.indexOf("pill s-warn"));
        assertThat(section.indexOf("pill s-warn")).isLessThan(section.indexOf("pill s-pass"));
        assertThat(section).contains("orders.user_id -&gt; users.id").contains("orders 3 -&gt; 999999");
    }

    @Test
    void brokenContractsAndAFailedCheckAreNamedInOneFailure() throws Exception {
        Path warehouse = Fixtures.ingest(work, 0.002);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE orders SET status = 'Lost' WHERE order_id = 3");
            statement.execute("INSERT INTO products SELECT * FROM products WHERE id = 11");
        }

        assertThatThrownBy(() -> validate(warehouse, TableChecks.DEFAULTS, new ArrayList<>()))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Rows break their data contracts: orders 1 of ")
                .hasMessageEndingWith("Table checks failed too: primaryKey products (id) (see the same report).");
    }

    @Test
    void noneRunsNoCheckAndWritesNone() throws Exception {
        Path warehouse = Fixtures.ingest(work, 0.002);

        validate(warehouse, TableChecks.NONE, new ArrayList<>());

        assertThat(JSON.readTree(work.resolve("reports/validation.json").toFile())
                        .path("tableChecks"))
                .isEmpty();
        assertThat(Files.readString(work.resolve("reports/junit/TEST-ecommerce-contracts.xml")))
                .doesNotContain("table-checks");
        assertThat(JSON.readTree(work.resolve("manifest.json").toFile())
                        .path("validation")
                        .has("tableChecks"))
                .isFalse();
        assertThat(Files.readString(work.resolve("report.html"))).doesNotContain("table-checks");
    }
}
