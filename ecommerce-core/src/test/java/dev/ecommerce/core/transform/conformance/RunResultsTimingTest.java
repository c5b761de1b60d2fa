package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run_results.json's {@code timing}, as dbt writes it: per node that ran, a {@code compile} then an
 * {@code execute} step with ISO timestamps, in order and within the run; none for a skipped node.
 */
class RunResultsTimingTest {

    @TempDir
    Path dir;

    @Test
    void everyNodeThatRanHasItsCompileAndExecuteStepsInOrderWithinTheRun() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("seeds/people.csv", "id,name\n1,Ann\n2,Bo\n")
                .file("models/names.sql", "select id, upper(name) as name from {{ ref('people') }}\n")
                .file("models/broken.sql", "select no_such_column from {{ ref('people') }}\n")
                .file("models/after_broken.sql", "select * from {{ ref('broken') }}\n")
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: names
                            columns:
                              - name: id
                                data_tests: [unique]
                        unit_tests:
                          - name: upper_cases
                            model: names
                            given:
                              - input: ref('people')
                                rows:
                                  - {id: 1, name: a}
                            expect:
                              rows:
                                - {id: 1, name: A}
                        """);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Map<String, Status> statuses = statuses(project.build());

        Instant after = Instant.now();
        assertThat(statuses)
                .containsEntry("model.test.broken", Status.ERROR)
                .containsEntry("model.test.after_broken", Status.SKIPPED)
                .containsEntry("unit_test.test.names.upper_cases", Status.PASS);
        Map<String, JsonNode> timings = new LinkedHashMap<>();
        new ObjectMapper()
                .readTree(dir.resolve("target/run_results.json").toFile())
                .get("results")
                .forEach(r -> timings.put(r.get("unique_id").asText(), r.get("timing")));
        assertThat(timings.get("model.test.after_broken").size()).isZero();
        timings.remove("model.test.after_broken");
        assertThat(timings).hasSize(statuses.size() - 1);
        timings.forEach((id, timing) -> {
            assertThat(timing.findValuesAsText("name")).as(id).containsExactly("compile", "execute");
            List<Instant> instants = List.of(
                    Instant.parse(timing.get(0).get("started_at").asText()),
                    Instant.parse(timing.get(0).get("completed_at").asText()),
                    Instant.parse(timing.get(1).get("started_at").asText()),
                    Instant.parse(timing.get(1).get("completed_at").asText()));
            assertThat(instants).as(id).isSorted();
            assertThat(instants.get(0)).as(id).isAfterOrEqualTo(before);
            assertThat(instants.get(3)).as(id).isBeforeOrEqualTo(after);
            assertThat(timing.get(0).get("started_at").asText())
                    .as(id)
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        });
    }
}
