package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.artifacts.Timing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** run_results.json's entries made ahead: used only for the very result, timing and SQL they were made from. */
class RunResultsAheadTest {

    private final RunResultsAhead ahead = new RunResultsAhead(
            Map.of("model.p.a", "\"db\".\"main\".\"a\"", "seed.p.s", "\"db\".\"main\".\"s\""), Set.of("seed.p.s"));
    private final List<Timing> timing = List.of(
            new Timing("execute", Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T10:00:01Z")));

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void anEntryMadeAheadIsUsedForTheSameResultAndMadeAgainForAnother() {
        NodeResult result = new NodeResult("model.p.a", "model", "models/a.sql", Status.SUCCESS, 1.0, null, "OK", 3);
        Map<String, String> compiled = new HashMap<>(Map.of("model.p.a", "select 1 as id"));
        ahead.finished(result, timing, compiled);
        ahead.stop();

        byte[] same = ahead.json(result, timing, compiled.get("model.p.a"), true);
        assertThat(ahead.json(result, timing, compiled.get("model.p.a"), true)).isSameAs(same);
        assertThat(text(same))
                .contains("\"status\":\"success\"", "\"compiled_code\":\"select 1 as id\"")
                .contains("\"relation_name\":\"\\\"db\\\".\\\"main\\\".\\\"a\\\"\"", "\"rows_affected\":3");

        NodeResult failed =
                new NodeResult("model.p.a", "model", "models/a.sql", Status.ERROR, 1.0, null, "Binder Error", -1);
        assertThat(text(ahead.json(failed, timing, "select 1 as id", true)))
                .contains("\"status\":\"error\"", "\"message\":\"Binder Error\"")
                .doesNotContain("rows_affected");
        assertThat(text(ahead.json(result, timing, "select 2 as id", true))).contains("select 2 as id");
        assertThat(text(ahead.json(result, List.of(), "select 1 as id", true))).contains("\"timing\":[]");
    }

    @Test
    void aSeedShowsNoCode() {
        NodeResult seed = new NodeResult("seed.p.s", "seed", "seeds/s.csv", Status.SUCCESS, 0.5, null, "INSERT 2", 2);
        ahead.finished(seed, timing, Map.of("seed.p.s", "copy ..."));
        ahead.stop();

        assertThat(ahead.showsCode("seed.p.s")).isFalse();
        assertThat(text(ahead.json(seed, timing, null, false)))
                .contains("\"compiled\":false", "\"compiled_code\":null");
    }
}
