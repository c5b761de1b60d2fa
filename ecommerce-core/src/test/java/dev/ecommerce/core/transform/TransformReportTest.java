package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.run.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report of a dbt build of the fixture project {@code shop}: the lineage and the failures on top. */
class TransformReportTest {

    private static final Pattern DATA_NODE = Pattern.compile("data-node=\"([^\"]+)\"");

    @TempDir
    Path dir;

    private ShopProject shop;

    @BeforeEach
    void copyFixture() throws Exception {
        shop = ShopProject.copyTo(dir);
    }

    private Path work() {
        return dir.resolve("work");
    }

    /** Every unique id of dbt's manifest copied to the reports folder: its nodes, sources and unit tests. */
    private List<String> manifestIds() throws Exception {
        JsonNode manifest = new ObjectMapper()
                .readTree(work().resolve("reports/manifest.json").toFile());
        List<String> ids = new ArrayList<>();
        manifest.path("nodes").fieldNames().forEachRemaining(ids::add);
        manifest.path("sources").fieldNames().forEachRemaining(ids::add);
        manifest.path("unit_tests").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private static List<String> drawn(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = DATA_NODE.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The x of a box in the lineage picture. */
    private static double column(String html, String id) {
        Matcher m = Pattern.compile("data-node=\"" + Pattern.quote(id) + "\" transform=\"translate\\(([0-9.]+) ")
                .matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theLineageHasOneElementPerDbtNodeInColumnsByDepth() throws Exception {
        TransformResult result = Pipeline.transform(shop.spec(), event -> {});
        assertThat(result.succeeded()).isTrue();

        String html = Files.readString(work().resolve("report.html"));
        List<String> ids = manifestIds();
        assertThat(ids).contains("model.shop.stg_orders", "seed.shop.countries", "source.shop.raw.orders");
        assertThat(ids.stream().filter(i -> i.startsWith("test.") || i.startsWith("unit_test.")))
                .hasSizeGreaterThan(3);
        assertThat(drawn(html)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(html).doesNotContain("<section id=\"failures\"");
        assertThat(html).contains("class=\"node s-success\" data-node=\"model.shop.stg_orders\"");
        // sources and seeds, then staging, then marts
        assertThat(column(html, "source.shop.raw.orders")).isLessThan(column(html, "model.shop.stg_orders"));
        assertThat(column(html, "seed.shop.countries")).isEqualTo(column(html, "source.shop.raw.orders"));
        assertThat(column(html, "model.shop.stg_orders")).isLessThan(column(html, "model.shop.revenue_by_country"));
        // every node that ran is a row of the nodes table
        assertThat(Pattern.compile("<tr data-row=").matcher(html).results().count())
                .isEqualTo(result.nodes().size());
    }

    @Test
    void aFailingTestIsOnTopOfTheReportOfTheFailedBuild() throws Exception {
        shop.sql("INSERT INTO main.raw_orders VALUES (4, 'XX', 100, 'lost')");

        assertThatThrownBy(() -> Pipeline.transform(shop.spec(), event -> {})).isInstanceOf(DataException.class);

        String html = Files.readString(work().resolve("report.html"));
        int failures = html.indexOf("<section id=\"failures\"");
        assertThat(failures).isPositive().isLessThan(html.indexOf("<section id=\"transform\""));
        String top = html.substring(failures, html.indexOf("</section>", failures));
        assertThat(top)
                .contains("The transform goal failed: The dbt build failed: 3 nodes failed")
                .contains("test.shop.unique_stg_orders_order_id.e3b841c71a")
                .contains("fail, 1 failing rows")
                .contains("test.shop.accepted_values_stg_orders_status__paid__open__cancelled.1b2f517b41");
        assertThat(html)
                .contains("class=\"test s-fail\" data-node=\"test.shop.unique_stg_orders_order_id.e3b841c71a\"")
                .contains("class=\"node s-skipped\" data-node=\"model.shop.revenue_by_country\"");
        assertThat(drawn(html)).containsExactlyInAnyOrderElementsOf(manifestIds());
        // failed nodes lead the nodes table
        int table = html.indexOf("<h3>Nodes</h3>");
        assertThat(html.indexOf("class=\"problem\"", table)).isLessThan(html.indexOf("class=\"ok\"", table));
    }
}
