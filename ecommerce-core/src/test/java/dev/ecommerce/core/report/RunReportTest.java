package dev.ecommerce.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.OnInvalid;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.config.ValidateSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.run.TableSummary;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report of a real pipeline at a tiny scale, with a planted contract violation. */
class RunReportTest {

    private static final List<Table> TABLES = List.of(Table.ORDERS, Table.USERS);
    private static final String PLANTED = "<script>alert('x&y')</script>";
    private static final Pattern NETWORK =
            Pattern.compile("(?i)(src|href|xlink:href|action)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(|@import|https?://");

    @TempDir
    Path work;

    private final List<ProgressEvent> events = new ArrayList<>();
    private Locale locale;

    @BeforeEach
    void englishMessages() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(locale);
    }

    private Path warehouse() {
        return work.resolve("warehouse.duckdb");
    }

    private Pipeline.IngestResult ingest() {
        return Pipeline.ingest(
                new IngestSpec(work, warehouse(), TABLES, Fixtures.generator(42, 0.005, 2)), events::add);
    }

    private String report() throws Exception {
        return Files.readString(work.resolve("report.html"));
    }

    private JsonNode history() throws Exception {
        return new ObjectMapper()
                .readTree(work.resolve("history.json").toFile())
                .path("runs");
    }

    @Test
    void aFailedValidationPutsTheViolationOnTopEscapedAndTheRestBelow() throws Exception {
        Pipeline.IngestResult ingest = ingest();
        assertThat(events).contains(new ProgressEvent.ReportWritten(work.resolve("report.html")));
        assertThat(history()).hasSize(1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse());
                Statement s = c.createStatement()) {
            s.execute("UPDATE orders SET status = '" + PLANTED.replace("'", "''") + "' WHERE order_id = 3");
        }

        assertThatThrownBy(() -> Pipeline.validate(
                        new ValidateSpec(work, warehouse(), TABLES, OnInvalid.FAIL, 0, Map.of()), events::add))
                .isInstanceOf(DataException.class);
        // The failed goal's report says so; the next goal's report keeps the contract failure, not the goal's.
        assertThat(report()).contains("The validate goal failed: ");
        Pipeline.sink(
                new SinkSpec(
                        work,
                        warehouse(),
                        TABLES,
                        List.of(new LocalDestinationSpec(work.resolve("out"), Set.of(FileFormat.CSV)))),
                events::add);

        String html = report();
        // Failures come first and name the table, the constraint and the goal.
        int failures = html.indexOf("<section id=\"failures\"");
        assertThat(failures).isPositive();
        for (String section : List.of("run", "stages", "tables", "contracts", "destinations", "history")) {
            assertThat(html.indexOf("<section id=\"" + section + "\""))
                    .as(section)
                    .isGreaterThan(failures);
        }
        String top = html.substring(failures, html.indexOf("</section>", failures));
        assertThat(top)
                .contains("orders \u00b7 status OneOf")
                .contains("e.g. row 3")
                .doesNotContain("The validate goal failed: ");
        // Each constraint with the SQL that checked it, in validation.json and in the report.
        JsonNode statusOneOf = new ObjectMapper()
                        .readTree(work.resolve("reports/validation.json").toFile())
                        .path("tables")
                        .get(0)
                        .path("constraints")
                        .findParents("constraint")
                        .stream()
                        .filter(c -> c.path("property").asText().equals("status")
                                && c.path("constraint").asText().equals("OneOf"))
                        .findFirst()
                        .orElseThrow();
        assertThat(statusOneOf.path("sql").asText())
                .isEqualTo("\"status\" NOT IN ('Complete', 'Cancelled', 'Returned', 'Processing', 'Shipped')");
        assertThat(html)
                .contains("<code class=\"sql\">&quot;status&quot; NOT IN (&#39;Complete&#39;, &#39;Cancelled&#39;,");
        // Every table's row count, as ingest counted it.
        for (TableSummary table : ingest.tables()) {
            assertThat(html)
                    .contains("<tr data-table=\"" + table.table().sqlName() + "\"><td>"
                            + table.table().sqlName() + "</td><td class=\"n\">"
                            + String.format(Locale.ROOT, "%,d", table.rows()) + "</td>");
        }
        // The planted value is shown as text, never as markup: one script element, the report's own.
        assertThat(html).doesNotContain(PLANTED).contains("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;");
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
        // Files with their checksums; nothing that reaches the network; small.
        RunManifestFiles.check(work, html);
        assertThat(NETWORK.matcher(html).find()).as("a network reference").isFalse();
        assertThat(Files.size(work.resolve("report.html"))).isLessThan(2L * 1024 * 1024);
        // One run so far: its goals updated one summary.
        assertThat(history()).hasSize(1);
        assertThat(history().get(0).path("rejected").asLong()).isEqualTo(1);
        assertThat(history().get(0).path("stages").fieldNames())
                .toIterable()
                .containsExactly("ingest", "validate", "sink");

        ingest();
        assertThat(history()).hasSize(2);
        String second = report();
        assertThat(second).doesNotContain("<section id=\"failures\"").doesNotContain("<section id=\"contracts\"");
        assertThat(second).contains("<section id=\"history\"><h2>History (last 2 runs)");
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Files.createDirectories(work.resolve("report.html").resolve("in-the-way"));

        Pipeline.IngestResult ingest = ingest();

        assertThat(ingest.tables()).hasSize(2);
        assertThat(events)
                .filteredOn(e -> e instanceof ProgressEvent.Warning w
                        && w.message().startsWith("Could not write the run report: Cannot write "))
                .hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof ProgressEvent.ReportWritten);
    }

    @Test
    void theHistoryKeepsTheLastRunsOnly() throws Exception {
        for (int run = 1; run <= 5; run++) {
            Files.writeString(work.resolve("manifest.json"), """
                    {"formatVersion":1,"runId":"run-%d","ingest":{"startedAt":"2026-01-0%dT10:00:00Z",
                    "finishedAt":"2026-01-0%dT10:00:0%dZ","source":{"kind":"generator"},"warehouse":"warehouse.duckdb",
                    "tables":[{"table":"orders","rows":%d,"seconds":1.0,"mode":"full"}]}}
                    """.formatted(run, run, run, run, run * 100));
            RunReport.write(work, null, 3);
            RunReport.write(work, null, 3); // a second goal of the same run
        }
        JsonNode runs = history();
        assertThat(runs).hasSize(3);
        assertThat(runs.findValuesAsText("runId")).containsExactly("run-3", "run-4", "run-5");
        assertThat(runs.get(2).path("rows").path("orders").asLong()).isEqualTo(500);
        assertThat(runs.get(2).path("stages").path("ingest").asDouble()).isEqualTo(5.0);
        String html = report();
        assertThat(html).contains("History (last 3 runs)").contains("<svg class=\"spark\"");
        assertThat(html).contains("<tr><th>rows orders</th>");
    }

    @Test
    void aWorkDirectoryWithNothingInItStillGetsAReport() throws Exception {
        Path report = RunReport.write(work, "The ingest goal failed (InfrastructureException): see the build log.");
        String html = Files.readString(report);
        assertThat(html).contains("<section id=\"failures\"").contains("see the build log");
        assertThat(html).doesNotContain("<section id=\"tables\"").doesNotContain("<section id=\"history\"");
        assertThat(work.resolve("history.json")).doesNotExist();
    }

    @Test
    void escapingCoversMarkupAttributesAndEntities() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&amp;`</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&#96;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("tab\tline\nbell\u0007")).isEqualTo("tab\tline\nbell\uFFFD");
    }

    /** The destinations section lists every file of the manifest with its size and checksum. */
    private static final class RunManifestFiles {
        static void check(Path work, String html) throws Exception {
            JsonNode files = new ObjectMapper()
                    .readTree(work.resolve("manifest.json").toFile())
                    .path("sink")
                    .path("files");
            assertThat(files.size()).isEqualTo(2);
            for (JsonNode file : files) {
                assertThat(html)
                        .contains(file.path("sha256").asText())
                        .contains(file.path("location").asText());
            }
        }
    }
}
