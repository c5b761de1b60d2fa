package dev.ecommerce.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Everything that went wrong in the run, for the top of the report: in the order the goals ran. */
final class Failures {

    /**
     * One failure.
     *
     * @param kind {@code goal}, {@code contract}, {@code table check}, {@code dbt} or {@code destination}
     * @param subject what failed: a goal, {@code orders · status OneOf}, {@code orders · primaryKey order_id}, a dbt
     *     node's id, a destination
     * @param detail counts and the message, as text
     */
    record Failure(String kind, String subject, String detail) {}

    private Failures() {}

    /**
     * The failures in the inputs.
     *
     * @param goalFailure a goal's failure in words, or null
     */
    static List<Failure> of(ReportInputs inputs, String goalFailure) {
        List<Failure> failures = new ArrayList<>();
        if (goalFailure != null) {
            failures.add(new Failure("goal", "build", goalFailure));
        }
        for (JsonNode table : inputs.validation().path("tables")) {
            for (JsonNode constraint : table.path("constraints")) {
                long violations = constraint.path("violations").asLong();
                if (violations == 0) {
                    continue;
                }
                StringBuilder detail = new StringBuilder()
                        .append(Html.count(violations))
                        .append(" of ")
                        .append(Html.count(table.path("rowsChecked").asLong()))
                        .append(" rows");
                JsonNode example = constraint.path("example");
                if (!example.isMissingNode() && !example.isNull()) {
                    detail.append("; e.g. row ")
                            .append(example.path("rowKey").asText("(no key)"))
                            .append(": ")
                            .append(example.path("message").asText())
                            .append(" (")
                            .append(example.path("invalidValue").asText("null"))
                            .append(')');
                }
                failures.add(new Failure(
                        "contract",
                        table.path("table").asText() + " \u00b7 " + constraintName(constraint),
                        detail.toString()));
            }
        }
        for (JsonNode check : inputs.validation().path("tableChecks")) {
            if (check.path("status").asText().equals("fail")) {
                StringBuilder detail = new StringBuilder(check.path("observed").asText());
                if (check.path("examples").size() > 0) {
                    List<String> examples = new ArrayList<>();
                    check.path("examples").forEach(e -> examples.add(e.asText()));
                    detail.append("; e.g. ").append(String.join(", ", examples));
                }
                failures.add(new Failure(
                        "table check",
                        check.path("table").asText() + " \u00b7 "
                                + check.path("check").asText() + " "
                                + check.path("subject").asText(),
                        detail.toString()));
            }
        }
        for (JsonNode result : inputs.runResults().path("results")) {
            String status = result.path("status").asText();
            if (!status.equals("fail") && !status.equals("error") && !status.contains("error")) {
                continue;
            }
            StringBuilder detail = new StringBuilder(status);
            if (result.path("failures").canConvertToLong()
                    && result.path("failures").asLong() > 0) {
                detail.append(", ")
                        .append(Html.count(result.path("failures").asLong()))
                        .append(" failing rows");
            }
            String message = result.path("message").asText("");
            if (!message.isBlank()) {
                detail.append(": ").append(Html.cut(message.strip(), 600));
            }
            failures.add(new Failure("dbt", result.path("unique_id").asText(), detail.toString()));
        }
        for (JsonNode destination : inputs.run().path("sink").path("destinations")) {
            if (destination.path("status").asText().equals("failed")) {
                failures.add(new Failure(
                        "destination",
                        destination.path("destination").asText(),
                        destination.path("error").asText("failed")));
            }
        }
        return failures;
    }

    /** {@code status OneOf}, or the constraint alone for a class-level one. */
    static String constraintName(JsonNode constraint) {
        String property = constraint.path("property").asText("");
        String name = constraint.path("constraint").asText();
        return property.isEmpty() ? name : property + " " + name;
    }
}
