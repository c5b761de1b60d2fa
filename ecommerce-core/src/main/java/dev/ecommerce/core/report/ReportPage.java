package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report's HTML: failures, the run, its stages, tables, contracts, the dbt project, destinations, history. */
final class ReportPage {

    private static final int LISTED_VIOLATIONS = 10;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
            header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
            header p{margin:4px 0 0;color:#c9ced8}main{padding:8px 24px 40px;max-width:1400px}
            section{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:10px 16px;margin:14px 0}
            h2{font-size:16px;margin:4px 0 10px}h3{font-size:14px;margin:14px 0 6px}
            table{border-collapse:collapse;margin:4px 0}th,td{border-bottom:1px solid #eceef2;padding:3px 10px 3px 0;text-align:left;vertical-align:top}
            th{font-weight:600;color:#4a5263}td.n{text-align:right;font-variant-numeric:tabular-nums}
            code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            section.failures{border:2px solid #c62828;background:#fff5f5}section.failures h2{color:#c62828}
            .pill{display:inline-block;border-radius:9px;padding:0 7px;font-size:12px;border:1px solid #ccc;background:#f1f1f1}
            .pill.s-success,.pill.s-pass{background:#d4f4dd;border-color:#2e7d32}.pill.s-fail,.pill.s-error{background:#fbd5d5;border-color:#c62828}
            .pill.s-warn{background:#fff1c2;border-color:#b7791f}.bad{color:#c62828;font-weight:600}
            .scroll{overflow:auto;max-height:640px;border:1px solid #eceef2}
            svg text{font-size:12px;fill:#1d2330}svg .caption{fill:#6b7385}
            svg.lineage .edge{fill:none;stroke:#9aa3b5;stroke-width:1.2}svg.lineage .edge.hot{stroke:#1d2330;stroke-width:2.4}
            svg.lineage g.node{cursor:pointer}svg.lineage rect{fill:#fff;stroke:#bbb}
            svg.lineage .s-success rect,svg.lineage .s-pass rect{fill:#d4f4dd;stroke:#2e7d32}
            svg.lineage .s-fail rect,svg.lineage .s-error rect{fill:#fbd5d5;stroke:#c62828;stroke-width:2}
            svg.lineage .s-warn rect{fill:#fff1c2;stroke:#b7791f}svg.lineage .s-skipped rect{fill:#eee;stroke:#999}
            svg.lineage .s-source rect{fill:#dbe8ff;stroke:#3b6fd1}svg.lineage g.picked rect{stroke:#1d2330;stroke-width:3}
            svg.lineage circle{fill:#bbb}svg.lineage circle.s-pass,svg.lineage circle.s-success{fill:#2e7d32}
            svg.lineage circle.s-fail,svg.lineage circle.s-error{fill:#c62828}svg.lineage circle.s-warn{fill:#b7791f}
            svg.timeline .bar{fill:#3b6fd1}svg.spark polyline{fill:none;stroke:#3b6fd1;stroke-width:1.5}svg.spark circle{fill:#1d2330}
            tr.picked td{background:#fff7d6}
            """;

    private static final String SCRIPT = """
            (function(){
              var edges=document.querySelectorAll('svg.lineage .edge');
              document.querySelectorAll('svg.lineage g.node').forEach(function(g){
                g.addEventListener('click',function(){
                  var id=g.getAttribute('data-node');
                  document.querySelectorAll('.picked').forEach(function(e){e.classList.remove('picked');});
                  g.classList.add('picked');
                  edges.forEach(function(e){
                    e.classList.toggle('hot',e.getAttribute('data-from')===id||e.getAttribute('data-to')===id);
                  });
                  var row=document.querySelector('tr[data-row="'+CSS.escape(id)+'"]');
                  if(row){row.classList.add('picked');}
                });
              });
              var only=document.getElementById('only-problems');
              if(only){only.addEventListener('change',function(){
                document.querySelectorAll('tr.ok').forEach(function(r){r.hidden=only.checked;});
              });}
            })();
            """;

    private final ReportInputs inputs;
    private final List<Failures.Failure> failures;
    private final List<Charts.Stage> stages;
    private final List<RunHistory.Entry> history;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    ReportPage(
            ReportInputs inputs,
            List<Failures.Failure> failures,
            List<Charts.Stage> stages,
            List<RunHistory.Entry> history) {
        this.inputs = inputs;
        this.failures = failures;
        this.stages = stages;
        this.history = history;
    }

    /** The run's stages that have a start and an end in the manifest, in the order the goals run. */
    static List<Charts.Stage> stages(JsonNode run) {
        List<Charts.Stage> stages = new ArrayList<>();
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("ingest", "ingest");
        sections.put("validate", "validation");
        sections.put("sink", "sink");
        sections.put("transform", "transform");
        sections.forEach((stage, section) -> {
            Instant started = instant(run.path(section).path("startedAt"));
            Instant finished = instant(run.path(section).path("finishedAt"));
            if (started != null && finished != null && !finished.isBefore(started)) {
                stages.add(new Charts.Stage(stage, started, finished));
            }
        });
        return stages;
    }

    private static Instant instant(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    String html() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Run report ")
                .append(Html.escape(inputs.runId()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<header><h1>ecommerce run report</h1><p>run <span class=\"mono\">")
                .append(Html.escape(inputs.runId().isEmpty() ? "(no run yet)" : inputs.runId()))
                .append("</span> \u00b7 written ")
                .append(Html.escape(Instant.now().toString()));
        String version = ReportPage.class.getPackage().getImplementationVersion();
        if (version != null) {
            out.append(" \u00b7 ecommerce-core ").append(Html.escape(version));
        }
        out.append("</p></header>\n<main>\n");
        failures();
        run();
        timeline();
        tables();
        contracts();
        tableChecks();
        transform();
        destinations();
        history();
        out.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return out.toString();
    }

    private void failures() {
        if (failures.isEmpty()) {
            return;
        }
        out.append("<section id=\"failures\" class=\"failures\"><h2>Failures (")
                .append(failures.size())
                .append(")</h2><table><tr><th>kind</th><th>what</th><th>detail</th></tr>\n");
        for (Failures.Failure failure : failures) {
            out.append("<tr class=\"failure\" data-kind=\"")
                    .append(Html.escape(failure.kind()))
                    .append("\"><td>")
                    .append(Html.escape(failure.kind()))
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(failure.subject()))
                    .append("</td><td><pre class=\"mono\" style=\"white-space:pre-wrap;margin:0\">")
                    .append(Html.escape(failure.detail()))
                    .append("</pre></td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void run() {
        JsonNode ingest = inputs.run().path("ingest");
        Map<String, String> versions = Versions.of(ReportPage.class.getClassLoader());
        if (ingest.isMissingNode() && versions.isEmpty()) {
            return;
        }
        out.append("<section id=\"run\"><h2>Run</h2><table>");
        if (!ingest.isMissingNode()) {
            row("run id", inputs.runId());
            row("started", ingest.path("startedAt").asText(""));
            row("warehouse", ingest.path("warehouse").asText(""));
            Set<String> modes = new LinkedHashSet<>();
            ingest.path("tables").forEach(t -> modes.add(t.path("mode").asText()));
            row("mode", String.join(", ", modes));
            ingest.path("source").fields().forEachRemaining(e -> row("source " + e.getKey(), text(e.getValue())));
        }
        out.append("</table>");
        if (!versions.isEmpty()) {
            out.append("<h3>Versions</h3><table class=\"versions\">");
            versions.forEach(this::row);
            out.append("</table>");
        }
        out.append("</section>\n");
    }

    private void row(String name, String value) {
        out.append("<tr><th>")
                .append(Html.escape(name))
                .append("</th><td>")
                .append(Html.escape(value))
                .append("</td></tr>\n");
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private void timeline() {
        if (stages.isEmpty()) {
            return;
        }
        out.append("<section id=\"stages\"><h2>Stages</h2>")
                .append(Charts.timeline(stages))
                .append("</section>\n");
    }

    private void tables() {
        JsonNode run = inputs.run();
        Map<String, JsonNode> ingested = byTable(run.path("ingest").path("tables"));
        Map<String, JsonNode> validated = byTable(run.path("validation").path("tables"));
        Map<String, Long> bytes = new LinkedHashMap<>();
        run.path("sink")
                .path("files")
                .forEach(f ->
                        bytes.merge(f.path("table").asText(), f.path("bytes").asLong(), Long::sum));
        Set<String> names = new LinkedHashSet<>(ingested.keySet());
        names.addAll(validated.keySet());
        names.addAll(bytes.keySet());
        if (names.isEmpty()) {
            return;
        }
        out.append("<section id=\"tables\"><h2>Tables</h2><table><tr><th>table</th><th>rows</th><th>seconds</th>")
                .append("<th>mode</th><th>window</th><th>inserted</th><th>updated</th><th>deleted</th><th>cursor</th>")
                .append("<th>checked</th><th>rejected</th><th>bytes written</th></tr>\n");
        for (String name : names) {
            JsonNode in = ingested.getOrDefault(name, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            JsonNode check =
                    validated.getOrDefault(name, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            long rejected = check.path("rowsRejected").asLong();
            out.append("<tr data-table=\"")
                    .append(Html.escape(name))
                    .append("\"><td>")
                    .append(Html.escape(name))
                    .append("</td>");
            number(in.path("rows"));
            out.append("<td class=\"n\">")
                    .append(
                            in.has("seconds")
                                    ? Html.escape(
                                            Html.seconds(in.path("seconds").asDouble()))
                                    : "")
                    .append("</td><td>")
                    .append(Html.escape(in.path("mode").asText("")))
                    .append("</td><td>")
                    .append(Html.escape(in.path("window").asText("")))
                    .append("</td>");
            number(in.path("inserted"));
            number(in.path("updated"));
            number(in.path("deleted"));
            out.append("<td class=\"mono\">")
                    .append(Html.escape(in.path("cursor").asText("")))
                    .append("</td>");
            number(check.path("rowsChecked"));
            out.append("<td class=\"n").append(rejected > 0 ? " bad" : "").append("\">");
            out.append(check.has("rowsRejected") ? Html.count(rejected) : "").append("</td><td class=\"n\">");
            out.append(bytes.containsKey(name) ? Html.escape(Html.bytes(bytes.get(name))) : "")
                    .append("</td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void number(JsonNode value) {
        out.append("<td class=\"n\">")
                .append(value.canConvertToLong() ? Html.count(value.asLong()) : "")
                .append("</td>");
    }

    private static Map<String, JsonNode> byTable(JsonNode entries) {
        Map<String, JsonNode> byTable = new LinkedHashMap<>();
        entries.forEach(e -> byTable.put(e.path("table").asText(), e));
        return byTable;
    }

    private void contracts() {
        JsonNode validation = inputs.validation();
        if (validation.isMissingNode()) {
            return;
        }
        out.append("<section id=\"contracts\"><h2>Contracts</h2><p>policy <code>")
                .append(Html.escape(validation.path("onInvalid").asText("")))
                .append("</code></p>\n");
        for (JsonNode table : validation.path("tables")) {
            out.append("<h3>")
                    .append(Html.escape(table.path("table").asText()))
                    .append(" <span class=\"caption\">")
                    .append(Html.escape(table.path("contract").asText()))
                    .append("</span>: ")
                    .append(Html.count(table.path("rowsChecked").asLong()))
                    .append(" rows checked, <span class=\"")
                    .append(table.path("rowsRejected").asLong() > 0 ? "bad" : "")
                    .append("\">")
                    .append(Html.count(table.path("rowsRejected").asLong()))
                    .append(" rejected</span></h3>\n");
            List<JsonNode> constraints = new ArrayList<>();
            table.path("constraints").forEach(constraints::add);
            constraints.sort(Comparator.comparingLong(
                    (JsonNode c) -> -c.path("violations").asLong()));
            out.append("<table><tr><th>constraint</th><th>rows rejected</th><th>example row</th><th>value</th>")
                    .append("<th>message</th><th>SQL that checked it (TRUE on a failing row)</th></tr>\n");
            for (JsonNode constraint : constraints) {
                long violations = constraint.path("violations").asLong();
                JsonNode example = constraint.path("example");
                out.append("<tr class=\"")
                        .append(violations > 0 ? "bad-row" : "ok")
                        .append("\"><td class=\"mono\">")
                        .append(Html.escape(Failures.constraintName(constraint)))
                        .append("</td><td class=\"n")
                        .append(violations > 0 ? " bad" : "")
                        .append("\">")
                        .append(Html.count(violations))
                        .append("</td><td class=\"n\">")
                        .append(Html.escape(example.path("rowKey").asText("")))
                        .append("</td><td class=\"mono\">")
                        .append(Html.escape(
                                Html.cut(example.path("invalidValue").asText(""), 300)))
                        .append("</td><td>")
                        .append(Html.escape(example.path("message").asText("")))
                        .append("</td><td><code class=\"sql\">")
                        .append(Html.escape(Html.cut(constraint.path("sql").asText(""), 600)))
                        .append("</code></td></tr>\n");
            }
            out.append("</table>\n");
            JsonNode violations = table.path("violations");
            if (violations.size() > 0) {
                out.append("<details><summary>first failing rows</summary><table><tr><th>row</th>")
                        .append("<th>constraint</th><th>value</th><th>message</th></tr>\n");
                for (int i = 0; i < Math.min(LISTED_VIOLATIONS, violations.size()); i++) {
                    JsonNode v = violations.get(i);
                    out.append("<tr><td class=\"n\">")
                            .append(Html.escape(v.path("rowKey").asText("")))
                            .append("</td><td class=\"mono\">")
                            .append(Html.escape(Failures.constraintName(v)))
                            .append("</td><td class=\"mono\">")
                            .append(Html.escape(Html.cut(v.path("invalidValue").asText("null"), 300)))
                            .append("</td><td>")
                            .append(Html.escape(v.path("message").asText("")))
                            .append("</td></tr>\n");
                }
                out.append("</table></details>\n");
            }
        }
        out.append("</section>\n");
    }

    /** The checks on whole tables: one row per check and table, those that found something first. */
    private void tableChecks() {
        JsonNode checks = inputs.validation().path("tableChecks");
        if (checks.isEmpty()) {
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        checks.forEach(rows::add);
        rows.sort(
                Comparator.comparingInt((JsonNode c) -> switch (c.path("status").asText()) {
                    case "fail" -> 0;
                    case "warn" -> 1;
                    default -> 2;
                }));
        out.append("<section id=\"table-checks\"><h2>Table checks</h2><table><tr><th>check</th><th>table</th>")
                .append("<th>of</th><th>status</th><th>found</th><th>rows</th><th>examples</th></tr>\n");
        for (JsonNode check : rows) {
            String status = check.path("status").asText();
            List<String> examples = new ArrayList<>();
            check.path("examples").forEach(e -> examples.add(e.asText()));
            out.append("<tr class=\"")
                    .append(status.equals("pass") ? "ok" : "bad-row")
                    .append("\"><td>")
                    .append(Html.escape(check.path("check").asText()))
                    .append("</td><td>")
                    .append(Html.escape(check.path("table").asText()))
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(check.path("subject").asText()))
                    .append("</td><td><span class=\"pill s-")
                    .append(Html.escape(status))
                    .append("\">")
                    .append(Html.escape(status))
                    .append("</span></td><td>")
                    .append(Html.escape(check.path("observed").asText()))
                    .append("</td><td class=\"n\">")
                    .append(
                            check.path("offendingRows").asLong() > 0
                                    ? Html.count(check.path("offendingRows").asLong())
                                    : "")
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(String.join(", ", examples)))
                    .append("</td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void transform() {
        JsonNode transform = inputs.run().path("transform");
        if (transform.isMissingNode()) {
            return;
        }
        out.append("<section id=\"transform\"><h2>dbt project</h2><p>engine <code>")
                .append(Html.escape(transform.path("engine").asText("")))
                .append("</code>, target <code>")
                .append(Html.escape(transform.path("target").asText("default")))
                .append("</code>, ")
                .append(Html.escape(Html.seconds(transform.path("seconds").asDouble())));
        transform
                .path("statuses")
                .fields()
                .forEachRemaining(e -> out.append(" \u00b7 <span class=\"pill s-")
                        .append(Html.escape(e.getKey()))
                        .append("\">")
                        .append(Html.escape(e.getKey()))
                        .append(' ')
                        .append(e.getValue().asLong())
                        .append("</span>"));
        out.append("</p>\n");
        Map<String, JsonNode> results = new HashMap<>();
        List<JsonNode> ordered = new ArrayList<>();
        inputs.runResults().path("results").forEach(r -> {
            results.put(r.path("unique_id").asText(), r);
            ordered.add(r);
        });
        if (!inputs.dbtManifest().isMissingNode()) {
            out.append("<h3>Lineage</h3><div class=\"scroll\">")
                    .append(Lineage.of(inputs.dbtManifest(), results, ingestedRows(inputs.run()))
                            .svg())
                    .append("</div>\n");
        }
        if (ordered.isEmpty()) {
            out.append("</section>\n");
            return;
        }
        // Failures first, then warnings, then the rest in the order they ran.
        ordered.sort(Comparator.comparingInt(r -> rank(r.path("status").asText())));
        out.append("<h3>Nodes</h3><label><input type=\"checkbox\" id=\"only-problems\"> only failures and ")
                .append("warnings</label><table><tr><th>type</th><th>node</th><th>status</th><th>seconds</th>")
                .append("<th>rows</th><th>failing rows</th><th>message</th></tr>\n");
        for (JsonNode r : ordered) {
            String id = r.path("unique_id").asText();
            String status = r.path("status").asText();
            int dot = id.indexOf('.');
            out.append("<tr data-row=\"")
                    .append(Html.escape(id))
                    .append("\" class=\"")
                    .append(rank(status) >= 2 ? "ok" : "problem")
                    .append("\"><td>")
                    .append(Html.escape(dot < 0 ? "" : id.substring(0, dot)))
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(id.substring(id.lastIndexOf('.') + 1)))
                    .append("</td><td><span class=\"pill s-")
                    .append(Html.escape(status.replace(' ', '-')))
                    .append("\">")
                    .append(Html.escape(status))
                    .append("</span></td><td class=\"n\">")
                    .append(Html.escape(Html.seconds(r.path("execution_time").asDouble())))
                    .append("</td>");
            JsonNode rows = r.path("adapter_response").path("rows_affected");
            number(rows.canConvertToLong() && rows.asLong() >= 0 ? rows : r.path("none"));
            number(r.path("failures"));
            out.append("<td><pre class=\"mono\" style=\"white-space:pre-wrap;margin:0\">")
                    .append(Html.escape(
                            rank(status) < 2 ? Html.cut(r.path("message").asText(""), 600) : ""))
                    .append("</pre></td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    /** Rows of each table a run loaded, by its name in the warehouse, in the order it loaded them. */
    static Map<String, Long> ingestedRows(JsonNode run) {
        Map<String, Long> rows = new LinkedHashMap<>();
        run.path("ingest")
                .path("tables")
                .forEach(t -> rows.put(t.path("table").asText(), t.path("rows").asLong()));
        return rows;
    }

    private static int rank(String status) {
        if (status.equals("fail") || status.contains("error")) {
            return 0;
        }
        return status.equals("warn") ? 1 : 2;
    }

    private void destinations() {
        JsonNode sink = inputs.run().path("sink");
        if (sink.isMissingNode()) {
            return;
        }
        out.append("<section id=\"destinations\"><h2>Destinations</h2><table><tr><th>destination</th>")
                .append("<th>status</th><th>error</th></tr>\n");
        for (JsonNode d : sink.path("destinations")) {
            out.append("<tr><td>")
                    .append(Html.escape(d.path("destination").asText()))
                    .append("</td><td>")
                    .append(Html.escape(d.path("status").asText()))
                    .append("</td><td>")
                    .append(Html.escape(d.path("error").asText("")))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
        JsonNode generation = sink.path("generation");
        if (!generation.isMissingNode() && !generation.isNull()) {
            out.append("<p>local output: generation <code>")
                    .append(Html.escape(generation.path("name").asText()))
                    .append("</code> in <code>")
                    .append(Html.escape(generation.path("folder").asText()))
                    .append("</code></p>\n");
        }
        out.append("<table><tr><th>destination</th><th>table</th><th>format</th><th>location</th><th>size</th>")
                .append("<th>sha256</th></tr>\n");
        for (JsonNode f : sink.path("files")) {
            out.append("<tr><td>")
                    .append(Html.escape(f.path("destination").asText()))
                    .append("</td><td>")
                    .append(Html.escape(f.path("table").asText()))
                    .append("</td><td>")
                    .append(Html.escape(f.path("format").asText()))
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(f.path("location").asText()))
                    .append("</td><td class=\"n\">")
                    .append(Html.escape(Html.bytes(f.path("bytes").asLong())))
                    .append("</td><td class=\"mono\">")
                    .append(Html.escape(f.path("sha256").asText("")))
                    .append("</td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void history() {
        if (history.isEmpty()) {
            return;
        }
        out.append("<section id=\"history\"><h2>History (last ")
                .append(history.size())
                .append(history.size() == 1 ? " run" : " runs")
                .append(")</h2><table><tr><th></th><th>last runs</th><th>this run</th><th>previous</th></tr>\n");
        Set<String> tables = new LinkedHashSet<>();
        Set<String> stageNames = new LinkedHashSet<>();
        history.forEach(h -> {
            tables.addAll(h.rows().keySet());
            stageNames.addAll(h.stages().keySet());
        });
        for (String table : tables) {
            List<Long> values = history.stream().map(h -> h.rows().get(table)).toList();
            spark("rows " + table, values, v -> Html.count(v.longValue()));
        }
        for (String stage : stageNames) {
            List<Double> values =
                    history.stream().map(h -> h.stages().get(stage)).toList();
            spark("seconds " + stage, values, v -> Html.seconds(v.doubleValue()));
        }
        spark(
                "rows rejected",
                history.stream().map(RunHistory.Entry::rejected).toList(),
                v -> Html.count(v.longValue()));
        out.append("</table><details><summary>runs</summary><table><tr><th>run</th><th>time</th>")
                .append("<th>rows</th><th>rejected</th><th>failed dbt nodes</th></tr>\n");
        for (int i = history.size() - 1; i >= 0; i--) {
            RunHistory.Entry h = history.get(i);
            out.append("<tr><td class=\"mono\">")
                    .append(Html.escape(h.runId()))
                    .append("</td><td>")
                    .append(Html.escape(h.time()))
                    .append("</td><td class=\"n\">")
                    .append(Html.count(h.rows().values().stream()
                            .mapToLong(Long::longValue)
                            .sum()))
                    .append("</td><td class=\"n\">")
                    .append(Html.count(h.rejected()))
                    .append("</td><td class=\"n\">")
                    .append(Html.count(h.failedNodes()))
                    .append("</td></tr>\n");
        }
        out.append("</table></details></section>\n");
    }

    private void spark(String label, List<? extends Number> values, java.util.function.Function<Number, String> shown) {
        Number last = values.get(values.size() - 1);
        Number previous = values.size() > 1 ? values.get(values.size() - 2) : null;
        out.append("<tr><th>")
                .append(Html.escape(label))
                .append("</th><td>")
                .append(Charts.sparkline(values, label))
                .append("</td><td class=\"n\">")
                .append(last == null ? "" : Html.escape(shown.apply(last)))
                .append("</td><td class=\"n\">")
                .append(previous == null ? "" : Html.escape(shown.apply(previous)))
                .append("</td></tr>\n");
    }
}
