package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kept parse of a whole project ({@code embedded_partial_parse.bin}): a run of an unchanged project uses the
 * last run's parse and builds what a parse would; any change to a file of the project's paths or packages, to
 * vars or the target parses again; a parse that read the environment or a clock is never kept.
 */
class KeptParseTest {

    private static final String KEPT = "target/embedded_partial_parse.bin";
    private static final String USED = "Partial parsing: nothing changed since the last run";

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir)
                .file("seeds/base.csv", "id,n\n1,10\n2,20\n")
                .file("macros/twice.sql", "{% macro twice(x) %}({{ x }} * 2){% endmacro %}")
                .file("models/a.sql", "select id, {{ twice('n') }} * {{ var('k', 1) }} as n from {{ ref('base') }}")
                .file(
                        "models/b.sql",
                        "{{ config(materialized='table', tags=['nightly']) }}\n"
                                + "select sum(n) as n from {{ ref('a') }}")
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: a
                            columns:
                              - name: id
                                data_tests: [unique, not_null]
                        """);
    }

    private TransformResult run(Map<String, Object> vars, Map<String, String> environment) {
        project.log().clear();
        TransformResult result = project.build(vars, environment);
        assertThat(result.succeeded()).as(String.join("\n", project.log())).isTrue();
        return result;
    }

    private TransformResult run() {
        return run(Map.of(), Map.of());
    }

    private boolean used() {
        return project.log().stream().anyMatch(line -> line.startsWith(USED));
    }

    private long b() throws java.sql.SQLException {
        return ((Number) project.rows("select n from test_schema.b").get(0).get(0)).longValue();
    }

    @Test
    void anUnchangedProjectUsesTheKeptParseAndBuildsTheSame() throws Exception {
        TransformResult first = run();
        assertThat(used()).isFalse();
        assertThat(dir.resolve(KEPT)).isRegularFile();
        String manifest = nodesOf(project.read("target/manifest.json"));

        TransformResult second = run();

        assertThat(used()).isTrue();
        assertThat(DbtTestProject.statuses(second)).isEqualTo(DbtTestProject.statuses(first));
        assertThat(DbtTestProject.statuses(second)).hasSize(5).containsValue(Status.PASS);
        assertThat(b()).isEqualTo(60);
        assertThat(project.relationType("b")).isEqualTo("BASE TABLE");
        assertThat(nodesOf(project.read("target/manifest.json"))).isEqualTo(manifest);
        assertThat(project.read("target/compiled/test/models/a.sql")).contains("(n * 2) * 1");

        project.log().clear();
        TransformResult selected = project.build("tag:nightly");
        assertThat(used()).as("selection applies to a kept parse").isTrue();
        assertThat(DbtTestProject.statusesByName(selected)).containsOnlyKeys("model.test.b");
    }

    @Test
    void everyKindOfChangeParsesAgain() throws Exception {
        run();
        project.file("models/a.sql", "select id, {{ twice('n') }} * {{ var('k', 3) }} as n from {{ ref('base') }}");
        run();
        assertThat(used()).as("a model edited, same size").isFalse();
        assertThat(b()).isEqualTo(180);

        run();
        assertThat(used()).isTrue();
        project.file("macros/twice.sql", "{% macro twice(x) %}({{ x }} * 4){% endmacro %}");
        run();
        assertThat(used()).as("a macro edited").isFalse();
        assertThat(b()).isEqualTo(360);

        project.file("models/c.sql", "select n from {{ ref('b') }}");
        run();
        assertThat(used()).as("a model added").isFalse();
        assertThat(project.rows("select n from test_schema.c")).hasSize(1);

        project.delete("models/c.sql");
        TransformResult deleted = run();
        assertThat(used()).as("a model deleted").isFalse();
        assertThat(DbtTestProject.statusesByName(deleted))
                .doesNotContainKey("model.test.c")
                .containsKey("model.test.b");

        project.file("seeds/base.csv", "id,n\n1,10\n2,20\n3,30\n");
        run();
        assertThat(used()).as("a seed edited").isFalse();
        assertThat(b()).isEqualTo(720);

        run(Map.of("k", 1), Map.of());
        assertThat(used()).as("vars changed").isFalse();
        assertThat(b()).isEqualTo(240);

        project.file("models/schema.yml", """
                version: 2
                models:
                  - name: b
                    config:
                      materialized: view
                """);
        run(Map.of("k", 1), Map.of());
        assertThat(used()).as("a schema file edited").isFalse();
        assertThat(project.relationType("b")).isEqualTo("BASE TABLE"); // config() in the file wins, as in dbt

        project.project("models:\n  +schema: marts\n");
        run(Map.of("k", 1), Map.of());
        assertThat(used()).as("dbt_project.yml edited").isFalse();
        assertThat(project.rows("select n from test_schema_marts.b")).hasSize(1);

        project.file("profiles.yml", project.read("profiles.yml").replace("schema: test_schema", "schema: other"));
        run(Map.of("k", 1), Map.of());
        assertThat(used()).as("the target changed").isFalse();
        assertThat(project.rows("select n from other_marts.b")).hasSize(1);
    }

    @Test
    void editedModelsAloneAreReadAgainAndTheRestOfTheProjectIsReused() throws Exception {
        project.file("models/c.sql", "select 1 as n");
        run();
        String reread = "Partial parsing: 1 edited model file(s) read again";

        project.file("models/c.sql", "select n from {{ ref('b') }} union all select 7");
        project.delete("target/embedded_render_cache.json"); // a and b come from the kept parse, not this cache
        run();
        assertThat(project.log()).anySatisfy(line -> assertThat(line).startsWith(reread));
        assertThat(project.log())
                .as("a and b planned as the kept parse planned them")
                .anySatisfy(line -> assertThat(line).startsWith("Partial parsing: 2 of 3 models unchanged"));
        assertThat(project.rows("select cast(n as integer) from test_schema.c order by n"))
                .as("its new ref is in the DAG: b is built before c")
                .containsExactly(List.of(7), List.of(60));

        project.file(
                "models/a.sql",
                "{{ config(materialized='table') }}\n" + "select id, {{ twice('n') }} * 5 as n from {{ ref('base') }}");
        run();
        assertThat(project.log()).anySatisfy(line -> assertThat(line).startsWith(reread));
        assertThat(project.relationType("a")).isEqualTo("BASE TABLE");
        assertThat(b()).isEqualTo(300);

        project.file("models/schema.yml", "version: 2\nmodels:\n  - name: a\n    config:\n      tags: [x]\n");
        project.file("models/c.sql", "select 2 as n");
        run();
        assertThat(project.log())
                .as("a schema file changed too: the project is read whole")
                .noneSatisfy(line -> assertThat(line).startsWith("Partial parsing: 1 edited"));
        assertThat(project.rows("select cast(n as integer) from test_schema.c")).containsExactly(List.of(2));
    }

    @Test
    void anEditedModelWithAUnitTestIsCheckedAsWhenReadWhole() throws Exception {
        project.file("models/unit.yml", """
                unit_tests:
                  - name: doubles
                    model: a
                    given:
                      - input: ref('base')
                        rows: [{id: 1, n: 2}]
                    expect:
                      rows: [{id: 1, n: 4}]
                """);
        run();
        project.file(
                "models/a.sql",
                "{{ config(materialized='incremental') }}\n"
                        + "select id, {{ twice('n') }} as n from {{ ref('base') }}"
                        + "{% if is_incremental() %} where id > 0 {% endif %}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> project.build(Map.of(), Map.of()))
                .hasMessageContaining("Boolean override for 'is_incremental' must be provided");
    }

    @Test
    void anOldFileEditedWithTheSameSizeIsSeenByItsTime() throws Exception {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        touchAll(hourAgo); // no file is racy: only stamps are compared, no content is hashed
        run();
        run();
        assertThat(used()).isTrue();

        project.file("models/a.sql", "select id, {{ twice('n') }} * {{ var('k', 7) }} as n from {{ ref('base') }}");
        Files.setLastModifiedTime(dir.resolve("models/a.sql"), FileTime.from(hourAgo.plusSeconds(1)));
        run();

        assertThat(used()).isFalse();
        assertThat(b()).isEqualTo(420);
    }

    @Test
    void aParseThatReadTheEnvironmentOrAClockIsNotKept() throws Exception {
        project.file("models/d.sql", "select '{{ env_var('TOKEN', '') }}' as token");
        run(Map.of(), Map.of("TOKEN", "never-in-a-kept-file"));
        run(Map.of(), Map.of("TOKEN", "never-in-a-kept-file"));
        assertThat(used()).isFalse();
        assertThat(dir.resolve(KEPT)).doesNotExist();

        project.delete("models/d.sql");
        project.file("models/e.sql", "select '{{ today() is defined }}' as t");
        run();
        run();
        assertThat(used()).as("today() differs from day to day").isFalse();
        assertThat(dir.resolve(KEPT)).doesNotExist();

        project.delete("models/e.sql");
        project.project("models:\n  +schema: \"{{ env_var('TEAM', 'core') }}\"\n");
        run(Map.of(), Map.of("TEAM", "growth"));
        run(Map.of(), Map.of("TEAM", "growth"));
        assertThat(used()).as("dbt_project.yml read the environment").isFalse();
        assertThat(project.rows("select n from test_schema_growth.b")).hasSize(1);
        assertThat(dir.resolve(KEPT)).doesNotExist();
    }

    @Test
    void aDamagedKeptParseIsIgnoredAndReplaced() throws Exception {
        run();
        byte[] kept = Files.readAllBytes(dir.resolve(KEPT));
        Files.write(dir.resolve(KEPT), java.util.Arrays.copyOf(kept, kept.length / 2));

        run();

        assertThat(used()).isFalse();
        assertThat(b()).isEqualTo(60);
        run();
        assertThat(used()).isTrue();
        assertThat(Files.size(dir.resolve(KEPT))).isEqualTo(kept.length);
    }

    /** The manifest's nodes, what a kept parse must reproduce (its metadata differs every run). */
    private static String nodesOf(String manifest) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
        return root.path("nodes").toString() + root.path("sources") + root.path("macros") + root.path("child_map");
    }

    private void touchAll(Instant when) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(when));
            }
        }
    }
}
