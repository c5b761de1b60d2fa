package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dbt project's lineage as an SVG picture, laid out in Java: sources and seeds in the first column, every
 * model one column right of its deepest parent (so staging, gold and marts follow one another), each box coloured
 * by its node's status; a node's tests and unit tests are dots under its box. Every dbt node and source is one
 * element with a {@code data-node} attribute holding its unique id. A box shows its node's time and rows where the
 * run results have them, a source the rows this run loaded into its table.
 */
final class Lineage {

    static final double BOX_WIDTH = 180;
    static final double BOX_HEIGHT = 34;
    private static final double COLUMN_GAP = 70;
    private static final double ROW_GAP = 14;
    private static final double DOT = 9;
    private static final int DOTS_PER_LINE = 19;
    private static final double MARGIN = 10;

    /** A box of the picture: a source, seed, model or snapshot, and the tests attached to it. */
    private record Box(String id, String kind, String name, List<String> parents, List<String> tests) {}

    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final List<String> loose = new ArrayList<>();
    private final Map<String, JsonNode> results;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> sourceRows = new HashMap<>();

    private Lineage(JsonNode manifest, Map<String, JsonNode> results, Map<String, Long> loaded) {
        this.results = results;
        manifest.path("sources").forEach(source -> {
            String id = source.path("unique_id").asText();
            Long rows = loaded.get(
                    source.path("identifier").asText(source.path("name").asText()));
            if (rows != null) {
                sourceRows.put(id, rows);
            }
            boxes.put(
                    id,
                    new Box(
                            id,
                            "source",
                            source.path("source_name").asText() + "."
                                    + source.path("name").asText(),
                            List.of(),
                            new ArrayList<>()));
        });
        List<JsonNode> tests = new ArrayList<>();
        manifest.path("unit_tests")
                .forEach(
                        unit -> { // dbt's manifest keeps unit tests apart from the nodes
                            names.put(
                                    unit.path("unique_id").asText(),
                                    unit.path("name").asText());
                            tests.add(unit);
                        });
        manifest.path("nodes").forEach(node -> {
            String type = node.path("resource_type").asText();
            String id = node.path("unique_id").asText();
            names.put(id, node.path("name").asText());
            if (type.equals("test") || type.equals("unit_test")) {
                tests.add(node);
                return;
            }
            List<String> parents = new ArrayList<>();
            node.path("depends_on").path("nodes").forEach(p -> parents.add(p.asText()));
            boxes.put(id, new Box(id, type, node.path("name").asText(), parents, new ArrayList<>()));
        });
        for (JsonNode test : tests) {
            String id = test.path("unique_id").asText();
            String owner = null;
            for (JsonNode parent : test.path("depends_on").path("nodes")) {
                if (boxes.containsKey(parent.asText())) {
                    owner = parent.asText();
                    break;
                }
            }
            if (owner == null) {
                loose.add(id);
            } else {
                boxes.get(owner).tests().add(id);
            }
        }
    }

    /**
     * The lineage of a dbt manifest with the statuses of its run results ({@code unique_id} to result).
     *
     * @param loaded rows this run loaded per warehouse table, shown on the sources that read those tables
     */
    static Lineage of(JsonNode manifest, Map<String, JsonNode> results, Map<String, Long> loaded) {
        return new Lineage(manifest, results, loaded);
    }

    /** How many elements the picture has with a {@code data-node}: every dbt node and source. */
    int elements() {
        return boxes.size()
                + boxes.values().stream().mapToInt(b -> b.tests().size()).sum()
                + loose.size();
    }

    /** A node's status in this run ({@code success}, {@code fail}, ...), {@code source} or {@code not-run}. */
    String status(String id) {
        JsonNode result = results.get(id);
        if (result != null) {
            return result.path("status").asText("not-run").replace(' ', '-');
        }
        Box box = boxes.get(id);
        return box != null && box.kind().equals("source") ? "source" : "not-run";
    }

    /** The picture. */
    String svg() {
        Map<String, Integer> depth = depths();
        int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<Box>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        boxes.values().forEach(b -> byColumn.get(depth.get(b.id())).add(b));
        Map<String, double[]> at = new HashMap<>(); // id -> x, y of the box
        double height = 0;
        for (int c = 0; c < columns; c++) {
            List<Box> column = byColumn.get(c);
            // Near their parents: by the mean height of the parents already placed, then by name.
            column.sort(
                    Comparator.comparingDouble((Box b) -> meanParentY(b, at)).thenComparing(Box::name));
            double y = MARGIN;
            double x = MARGIN + c * (BOX_WIDTH + COLUMN_GAP);
            for (Box box : column) {
                at.put(box.id(), new double[] {x, y});
                y += BOX_HEIGHT + dotLines(box.tests().size()) * DOT + ROW_GAP;
            }
            height = Math.max(height, y);
        }
        double looseY = height;
        if (!loose.isEmpty()) {
            height += dotLines(loose.size()) * DOT + ROW_GAP + 14;
        }
        double width = Math.max(1, columns) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP + 2 * MARGIN;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lineage\" role=\"img\" aria-label=\"dbt lineage\" width=\"")
                .append(Html.px(width))
                .append("\" height=\"")
                .append(Html.px(height))
                .append("\" viewBox=\"0 0 ")
                .append(Html.px(width))
                .append(' ')
                .append(Html.px(height))
                .append("\">\n");
        for (Box box : boxes.values()) {
            double[] to = at.get(box.id());
            for (String parent : box.parents()) {
                double[] from = at.get(parent);
                if (from == null) {
                    continue;
                }
                double x1 = from[0] + BOX_WIDTH;
                double y1 = from[1] + BOX_HEIGHT / 2;
                double x2 = to[0];
                double y2 = to[1] + BOX_HEIGHT / 2;
                double bend = Math.max(20, (x2 - x1) / 2);
                svg.append("<path class=\"edge\" data-from=\"")
                        .append(Html.escape(parent))
                        .append("\" data-to=\"")
                        .append(Html.escape(box.id()))
                        .append("\" d=\"M")
                        .append(Html.px(x1))
                        .append(' ')
                        .append(Html.px(y1))
                        .append(" C")
                        .append(Html.px(x1 + bend))
                        .append(' ')
                        .append(Html.px(y1))
                        .append(' ')
                        .append(Html.px(x2 - bend))
                        .append(' ')
                        .append(Html.px(y2))
                        .append(' ')
                        .append(Html.px(x2))
                        .append(' ')
                        .append(Html.px(y2))
                        .append("\"/>\n");
            }
        }
        for (Box box : boxes.values()) {
            double[] p = at.get(box.id());
            String status = status(box.id());
            svg.append("<g class=\"node s-")
                    .append(Html.escape(status))
                    .append("\" data-node=\"")
                    .append(Html.escape(box.id()))
                    .append("\" transform=\"translate(")
                    .append(Html.px(p[0]))
                    .append(' ')
                    .append(Html.px(p[1]))
                    .append(")\"><title>")
                    .append(Html.escape(title(box.id(), box.kind() + " " + box.name())))
                    .append("</title><rect width=\"")
                    .append(Html.px(BOX_WIDTH))
                    .append("\" height=\"")
                    .append(Html.px(BOX_HEIGHT))
                    .append("\" rx=\"4\"/><text x=\"6\" y=\"15\">")
                    .append(Html.escape(Html.cut(box.name(), 26)))
                    .append("</text><text class=\"caption\" x=\"6\" y=\"29\">")
                    .append(Html.escape(figures(box.id())))
                    .append("</text></g>\n");
            dots(svg, box.tests(), p[0], p[1] + BOX_HEIGHT + 2);
        }
        if (!loose.isEmpty()) {
            svg.append("<text class=\"caption\" x=\"")
                    .append(Html.px(MARGIN))
                    .append("\" y=\"")
                    .append(Html.px(looseY + 8))
                    .append("\">tests of no drawn node</text>\n");
            dots(svg, loose, MARGIN, looseY + 12);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private void dots(StringBuilder svg, List<String> tests, double x, double y) {
        for (int i = 0; i < tests.size(); i++) {
            String id = tests.get(i);
            double cx = x + DOT / 2 + (i % DOTS_PER_LINE) * DOT;
            double cy = y + DOT / 2 + (i / DOTS_PER_LINE) * DOT;
            svg.append("<circle class=\"test s-")
                    .append(Html.escape(status(id)))
                    .append("\" data-node=\"")
                    .append(Html.escape(id))
                    .append("\" cx=\"")
                    .append(Html.px(cx))
                    .append("\" cy=\"")
                    .append(Html.px(cy))
                    .append("\" r=\"3.5\"><title>")
                    .append(Html.escape(title(id, names.getOrDefault(id, id))))
                    .append("</title></circle>\n");
        }
    }

    /** A box's second line: {@code 0.02 s · 1,204 rows}, what of it is known. */
    String figures(String id) {
        JsonNode result = results.get(id);
        if (result == null) {
            Long rows = sourceRows.get(id);
            return rows == null ? status(id) : Html.count(rows) + " rows loaded";
        }
        StringBuilder text =
                new StringBuilder(Html.seconds(result.path("execution_time").asDouble()));
        long rows = result.path("adapter_response").path("rows_affected").asLong(-1);
        if (rows >= 0) {
            text.append(" \u00b7 ").append(Html.count(rows)).append(" rows");
        }
        return text.toString();
    }

    private String title(String id, String label) {
        JsonNode result = results.get(id);
        if (result == null) {
            return label + ": " + figures(id);
        }
        StringBuilder text = new StringBuilder(label)
                .append(": ")
                .append(result.path("status").asText())
                .append(", ")
                .append(figures(id));
        if (result.path("failures").canConvertToLong()
                && result.path("failures").asLong() > 0) {
            text.append(", ")
                    .append(Html.count(result.path("failures").asLong()))
                    .append(" failing rows");
        }
        return text.toString();
    }

    private static int dotLines(int dots) {
        return (dots + DOTS_PER_LINE - 1) / DOTS_PER_LINE;
    }

    private static double meanParentY(Box box, Map<String, double[]> at) {
        return box.parents().stream()
                .map(at::get)
                .filter(p -> p != null)
                .mapToDouble(p -> p[1])
                .average()
                .orElse(0);
    }

    /** Each box's column: 0 with no drawn parent, else one more than its deepest parent's. */
    private Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        for (String id : boxes.keySet()) {
            depth(id, depth, new HashSet<>());
        }
        return depth;
    }

    private int depth(String id, Map<String, Integer> depth, Set<String> visiting) {
        Integer known = depth.get(id);
        if (known != null) {
            return known;
        }
        int d = 0;
        if (visiting.add(id)) { // a cycle (not a valid dbt project) is cut rather than followed forever
            for (String parent : boxes.get(id).parents()) {
                if (boxes.containsKey(parent)) {
                    d = Math.max(d, depth(parent, depth, visiting) + 1);
                }
            }
            visiting.remove(id);
        }
        depth.put(id, d);
        return d;
    }
}
