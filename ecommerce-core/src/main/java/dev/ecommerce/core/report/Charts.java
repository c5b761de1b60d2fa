package dev.ecommerce.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The report's small pictures as SVG: the stages on a time line and sparklines of the last runs. */
final class Charts {

    /** A stage of the run between two instants. */
    record Stage(String name, Instant started, Instant finished) {

        double seconds() {
            return Duration.between(started, finished).toMillis() / 1000.0;
        }
    }

    private static final double LABEL = 90;
    private static final double WIDTH = 640;
    private static final double BAR = 18;

    private Charts() {}

    /** One bar per stage, placed on the run's time line from the first stage's start to the last one's end. */
    static String timeline(List<Stage> stages) {
        Instant first =
                stages.stream().map(Stage::started).min(Instant::compareTo).orElseThrow();
        Instant last =
                stages.stream().map(Stage::finished).max(Instant::compareTo).orElseThrow();
        double span = Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
        double scale = (WIDTH - LABEL - 80) / span;
        double height = stages.size() * (BAR + 6) + 6;
        StringBuilder svg = new StringBuilder("<svg class=\"timeline\" role=\"img\" aria-label=\"stages\" width=\"")
                .append(Html.px(WIDTH))
                .append("\" height=\"")
                .append(Html.px(height))
                .append("\">\n");
        double y = 6;
        for (Stage stage : stages) {
            double x = LABEL + Duration.between(first, stage.started()).toMillis() / 1000.0 * scale;
            double w = Math.max(2, stage.seconds() * scale);
            svg.append("<g class=\"stage\" data-stage=\"")
                    .append(Html.escape(stage.name()))
                    .append("\"><title>")
                    .append(Html.escape(
                            stage.name() + ": " + Html.seconds(stage.seconds()) + " from " + stage.started()))
                    .append("</title><text x=\"0\" y=\"")
                    .append(Html.px(y + 13))
                    .append("\">")
                    .append(Html.escape(stage.name()))
                    .append("</text><rect class=\"bar\" x=\"")
                    .append(Html.px(x))
                    .append("\" y=\"")
                    .append(Html.px(y))
                    .append("\" width=\"")
                    .append(Html.px(w))
                    .append("\" height=\"")
                    .append(Html.px(BAR))
                    .append("\"/><text x=\"")
                    .append(Html.px(x + w + 4))
                    .append("\" y=\"")
                    .append(Html.px(y + 13))
                    .append("\">")
                    .append(Html.escape(Html.seconds(stage.seconds())))
                    .append("</text></g>\n");
            y += BAR + 6;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A sparkline of values, oldest first; a null is a run without the value (a gap). The last point, this run,
     * is marked.
     */
    static String sparkline(List<? extends Number> values, String label) {
        double width = 140;
        double height = 28;
        double max = values.stream()
                .filter(v -> v != null)
                .mapToDouble(Number::doubleValue)
                .max()
                .orElse(0);
        double min = values.stream()
                .filter(v -> v != null)
                .mapToDouble(Number::doubleValue)
                .min()
                .orElse(0);
        double range = max - min == 0 ? 1 : max - min;
        double step = values.size() > 1 ? (width - 8) / (values.size() - 1) : 0;
        StringBuilder svg = new StringBuilder("<svg class=\"spark\" width=\"")
                .append(Html.px(width))
                .append("\" height=\"")
                .append(Html.px(height))
                .append("\"><title>")
                .append(Html.escape(label))
                .append("</title>");
        StringBuilder points = new StringBuilder();
        double lastX = -1;
        double lastY = -1;
        for (int i = 0; i < values.size(); i++) {
            Number value = values.get(i);
            if (value == null) {
                if (points.length() > 0) {
                    svg.append("<polyline points=\"").append(points).append("\"/>");
                    points.setLength(0);
                }
                continue;
            }
            lastX = 4 + i * step;
            lastY = height - 4 - (value.doubleValue() - min) / range * (height - 8);
            points.append(Html.px(lastX)).append(',').append(Html.px(lastY)).append(' ');
        }
        if (points.length() > 0) {
            svg.append("<polyline points=\"").append(points).append("\"/>");
        }
        if (values.get(values.size() - 1) != null) {
            svg.append("<circle cx=\"")
                    .append(Html.px(lastX))
                    .append("\" cy=\"")
                    .append(Html.px(lastY))
                    .append("\" r=\"2.5\"/>");
        }
        return svg.append("</svg>").toString();
    }
}
