package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.graph.NodeSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph node selection reads is built beside the run ({@link ResourceGraph#later}); selecting everything does
 * not wait for it, and must select what selecting over the graph selects.
 */
class ResourceGraphTest {

    @TempDir
    Path dir;

    private TransformSpec spec;

    @BeforeEach
    void writeProject() throws Exception {
        write("dbt_project.yml", "name: test\nprofile: test\nconfig-version: 2\n");
        write(
                "profiles.yml",
                "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: " + dir.resolve("t.duckdb")
                        + "\n      schema: main\n");
        write("seeds/countries.csv", "code\nDE\n");
        write("models/a.sql", "select 1 as id from {{ ref('countries') }}");
        write("models/b.sql", "{{ config(enabled=false) }} select 2 as id");
        write("models/c.sql", "select * from {{ source('raw', 'orders') }}");
        write("models/schema.yml", """
                version: 2
                models:
                  - name: a
                    columns:
                      - name: id
                        data_tests: [not_null, unique]
                sources:
                  - name: raw
                    tables:
                      - name: orders
                        columns:
                          - name: id
                            data_tests: [not_null]
                unit_tests:
                  - name: ut_a
                    model: a
                    given:
                      - input: ref('countries')
                        rows: [{code: DE}]
                    expect:
                      rows: [{id: 1}]
                  - name: ut_b
                    model: b
                    given: []
                    expect:
                      rows: [{id: 2}]
                """);
        write("tests/no_negative_ids.sql", "select * from {{ ref('a') }} where id < 0");
        spec = new TransformSpec(
                dir.resolve("work"),
                dir,
                dir,
                null,
                Map.of(),
                List.of(),
                TransformEngineKind.EMBEDDED,
                null,
                false,
                Map.of(),
                null,
                null);
    }

    private void write(String path, String text) throws Exception {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    @Test
    void selectingEverythingSelectsWhatTheGraphHasButSources() {
        Planner planner = new Planner(LoadedProject.load(spec));
        Planner.Parsed parsed = planner.parse();

        Plan plan = planner.plan(parsed, List.of(), List.of(), null);

        NodeSelector.Result overTheGraph = new NodeSelector(parsed.graph().values(), "test", null, "state")
                .select(List.of(), List.of(), "select", "exclude");
        assertThat(List.copyOf(plan.selectedIds())).containsExactlyElementsOf(overTheGraph.selected());
        assertThat(plan.selectedIds())
                .contains("seed.test.countries", "model.test.a", "model.test.c", "unit_test.test.a.ut_a")
                .anyMatch(id -> id.startsWith("test.test.not_null_a_id."))
                .anyMatch(id -> id.startsWith("test.test.source_not_null_raw_orders_id."))
                .contains("test.test.no_negative_ids")
                .noneMatch(id -> id.startsWith("source."))
                .doesNotContain("model.test.b", "unit_test.test.b.ut_b");
        assertThat(parsed.graph()).containsKey("source.test.raw.orders");
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.summary()).endsWith(plan.selectedIds().size() + " selected");
    }

    /** A graph that cannot be built (a seed deleted while it is read) fails where it is read, with its cause. */
    @Test
    void aGraphThatCannotBeBuiltFailsWhereItIsRead() throws Exception {
        LoadedProject project = LoadedProject.load(spec);
        Files.delete(dir.resolve("seeds/countries.csv"));
        Planner.Parsed parsed = new Planner(project).parse();

        assertThatThrownBy(() -> parsed.graph().get("model.test.a"))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("countries.csv");
    }
}
