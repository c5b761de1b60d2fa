package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import dev.ecommerce.core.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run report as a person sees it: opened from disk in headless Chromium with the network blocked. Each case
 * keeps its work directory, {@code report.html} and a screenshot under {@code target/report-browser/<case>/} to look
 * at.
 */
class ReportInBrowserTest {

    private static final Path CASES = Path.of("target", "report-browser");

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = HeadlessChromium.start(CASES.resolve("chromium-profile"));
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A fresh folder for a case, with the shop project in it. */
    private static ShopProject shop(String name) throws Exception {
        Path dir = CASES.resolve(name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        return ShopProject.copyTo(dir);
    }

    private static HeadlessChromium.Page open(ShopProject shop) throws Exception {
        HeadlessChromium.Page page = chromium.open(shop.dir.resolve("work/report.html"));
        page.screenshot(shop.dir.resolve("report.png"));
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.requests()).as("requests of the page").isEmpty();
        assertThat(Files.size(shop.dir.resolve("report.png"))).isGreaterThan(10_000);
        return page;
    }

    /** The ids of the page's sections, top to bottom. */
    private static List<String> sections(HeadlessChromium.Page page) throws Exception {
        return strings(page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Every node and source of dbt's manifest.json of the run. */
    private static List<String> manifestIds(ShopProject shop) throws Exception {
        JsonNode manifest = new ObjectMapper()
                .readTree(shop.dir.resolve("work/reports/manifest.json").toFile());
        List<String> ids = new ArrayList<>();
        manifest.path("nodes").fieldNames().forEachRemaining(ids::add);
        manifest.path("sources").fieldNames().forEachRemaining(ids::add);
        manifest.path("unit_tests").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** How many edges of dbt's manifest, between nodes that are not tests, start or end at a node. */
    private static long edgesOf(ShopProject shop, String id) throws Exception {
        JsonNode manifest = new ObjectMapper()
                .readTree(shop.dir.resolve("work/reports/manifest.json").toFile());
        long edges = 0;
        for (JsonNode node : manifest.path("nodes")) {
            if (node.path("resource_type").asText().contains("test")) {
                continue;
            }
            for (JsonNode parent : node.path("depends_on").path("nodes")) {
                if (node.path("unique_id").asText().equals(id)
                        || parent.asText().equals(id)) {
                    edges++;
                }
            }
        }
        assertThat(edges).isPositive();
        return edges;
    }

    private static List<String> drawnNodes(HeadlessChromium.Page page) throws Exception {
        return strings(page.evaluate(
                "[...document.querySelectorAll('svg.lineage [data-node]')].map(e => e.getAttribute('data-node'))"));
    }

    @Test
    void aPlantedContractViolationIsTheFirstSectionAndTheLineageHasEveryDbtNode() throws Exception {
        ShopProject shop = shop("contract-violation");
        Path work = shop.dir.resolve("work");
        Path warehouse = work.resolve("warehouse.duckdb");
        List<Table> tables = List.of(Table.ORDERS, Table.USERS);
        Pipeline.ingest(new IngestSpec(work, warehouse, tables, Fixtures.generator(42, 0.005, 2)), event -> {});
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement s = c.createStatement()) {
            s.execute("UPDATE orders SET status = 'Lost' WHERE order_id = 3");
        }
        Pipeline.validate(new ValidateSpec(work, warehouse, tables, OnInvalid.WARN, 0, Map.of()), event -> {});
        assertThat(Pipeline.transform(shop.spec(), event -> {}).succeeded()).isTrue();

        HeadlessChromium.Page page = open(shop);

        assertThat(sections(page)).startsWith("failures").contains("run", "contracts", "transform", "history");
        assertThat(strings(
                        page.evaluate("[...document.querySelectorAll('#failures tr.failure[data-kind=\"contract\"]')]"
                                + ".map(r => r.innerText)")))
                .singleElement()
                .asString()
                .contains("orders \u00b7 status OneOf")
                .contains("e.g. row 3")
                .contains("Lost");
        List<String> ids = manifestIds(shop);
        assertThat(ids).contains("model.shop.stg_orders", "source.shop.raw.orders", "seed.shop.countries");
        assertThat(drawnNodes(page)).containsExactlyInAnyOrderElementsOf(ids);
        // A box shows its time (and rows, where the engine counts them: LineageFiguresTest); clicking it lights its
        // edges and its row in the nodes table.
        assertThat(page.evaluate("[...document.querySelectorAll('g.node[data-node=\"model.shop.stg_orders\"] text')]"
                                + ".map(t => t.textContent).join(' / ')")
                        .asText())
                .matches("stg_orders / [0-9]+\\.[0-9]{2} s");
        assertThat(page.evaluate("""
                                (() => {
                                  document.querySelector('g.node[data-node="model.shop.stg_orders"]')
                                      .dispatchEvent(new MouseEvent('click', {bubbles: true}));
                                  return [document.querySelectorAll('path.edge.hot').length,
                                      document.querySelector('tr[data-row="model.shop.stg_orders"]')
                                          .classList.contains('picked')];
                                })()""").toString()).isEqualTo("[" + edgesOf(shop, "model.shop.stg_orders") + ",true]");
        // The versions of the libraries that did the work, and the SQL that checked each constraint.
        assertThat(page.evaluate("document.querySelector('table.versions').innerText")
                        .asText())
                .contains("DuckDB (JDBC driver)")
                .contains("Jinjava (embedded dbt engine)");
        assertThat(page.evaluate(
                                "[...document.querySelectorAll('#contracts tr')]"
                                        + ".find(r => r.innerText.startsWith('status OneOf')).querySelector('code.sql').innerText")
                        .asText())
                .contains("status")
                .contains("'Complete'");
    }

    @Test
    void theBrowserSeesAPageThatThrowsLogsAnErrorOrReachesOut() throws Exception {
        Path page = CASES.resolve("bad-page.html").toAbsolutePath();
        Files.writeString(page, """
                <!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head>
                <body><img src="http://example.invalid/pixel.png"><script>console.error('boom');
                undefinedFunction();</script></body></html>
                """);

        HeadlessChromium.Page opened = chromium.open(page);

        assertThat(opened.requests()).contains("https://cdn.example.invalid/x.css", "http://example.invalid/pixel.png");
        assertThat(opened.consoleErrors())
                .anyMatch(e -> e.startsWith("console.error: ") && e.contains("boom"))
                .anyMatch(e -> e.startsWith("exception: ") && e.contains("undefinedFunction"));
    }

    @Test
    void theReportOfABuildWithAFailingDbtTestNamesTheTestOnTop() throws Exception {
        ShopProject shop = shop("failed-build");
        shop.sql("INSERT INTO main.raw_orders VALUES (4, 'XX', 100, 'lost')");

        assertThatThrownBy(() -> Pipeline.transform(shop.spec(), event -> {})).isInstanceOf(DataException.class);

        HeadlessChromium.Page page = open(shop);
        assertThat(sections(page).get(0)).isEqualTo("failures");
        String top = page.evaluate("document.querySelector('main > section').innerText")
                .asText();
        assertThat(top)
                .contains("The transform goal failed: The dbt build failed: 3 nodes failed")
                .contains("test.shop.unique_stg_orders_order_id")
                .contains("fail, 1 failing rows");
        // The failed test is red in the lineage, what depends on it grey.
        assertThat(page.evaluate(
                                "getComputedStyle(document.querySelector('circle[data-node=\"test.shop.unique_stg_orders_order_id.e3b841c71a\"]')).fill")
                        .asText())
                .isEqualTo("rgb(198, 40, 40)");
        assertThat(page.evaluate("document.querySelector('g.node[data-node=\"model.shop.revenue_by_country\"]')"
                                + ".getAttribute('class')")
                        .asText())
                .isEqualTo("node s-skipped");
        assertThat(drawnNodes(page)).containsExactlyInAnyOrderElementsOf(manifestIds(shop));
    }
}
