package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.UnitTestFixtures.DATETIME_TEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core {@code tests/functional/unit_testing/test_unit_testing.py}: the unit test expected to fail (its model
 * is skipped, run_results.json is written), config tags and {@code enabled: false}, duplicate names, incremental
 * models ({@code is_incremental} override, {@code input: this}, with an alias) and dbt's parse errors about
 * them, explicit, implicit and nonexistent seed inputs, and invalid inputs.
 */
class UnitTestingTest {

    private static final String MY_MODEL_TESTS = """
            unit_tests:
              - name: test_my_model
                model: my_model
                given:
                  - input: ref('my_model_a')
                    rows:
                      - {id: 1, a: 1}
                  - input: ref('my_model_b')
                    rows:
                      - {id: 1, b: 2}
                      - {id: 2, b: 2}
                expect:
                  rows:
                    - {c: 2}
              - name: test_my_model_empty
                model: my_model
                given:
                  - input: ref('my_model_a')
                    rows: []
                  - input: ref('my_model_b')
                    rows:
                      - {id: 1, b: 2}
                      - {id: 2, b: 2}
                expect:
                  rows: []
              - name: test_my_model_string_concat
                model: my_model
                given:
                  - input: ref('my_model_a')
                    rows:
                      - {id: 1, string_a: a}
                  - input: ref('my_model_b')
                    rows:
                      - {id: 1, string_b: b}
                expect:
                  rows:
                    - {string_c: ab}
                config:
                    tags: test_this
                    meta: {owner: data}
              - name: test_disabled_my_model
                model: my_model
                config:
                  enabled: false
                given:
                  - input: ref('my_model_a')
                    rows:
                      - {id: 1, a: 1}
                  - input: ref('my_model_b')
                    rows:
                      - {id: 1, b: 2}
                expect:
                  rows:
                    - {c: 5}
            """;

    private static final String EVENTS = """
            select DATE '2020-01-01' as event_time, 1 as event
            union all
            select DATE '2020-01-02' as event_time, 2 as event
            union all
            select DATE '2020-01-03' as event_time, 3 as event
            """;

    private static final String MY_INCREMENTAL_MODEL = """
            {{
                config(
                    materialized='incremental'
                )
            }}

            select * from {{ ref('events') }}
            {% if is_incremental() %}
            where event_time > (select max(event_time) from {{ this }})
            {% endif %}
            """;

    private static final String INCREMENTAL_TESTS = """
            unit_tests:
              - name: incremental_false
                model: my_incremental_model
                overrides:
                  macros:
                    is_incremental: false
                given:
                  - input: ref('events')
                    rows:
                      - {event_time: "2020-01-01", event: 1}
                expect:
                  rows:
                    - {event_time: "2020-01-01", event: 1}
              - name: incremental_true
                model: my_incremental_model
                overrides:
                  macros:
                    is_incremental: true
                given:
                  - input: ref('events')
                    rows:
                      - {event_time: "2020-01-01", event: 1}
                      - {event_time: "2020-01-02", event: 2}
                      - {event_time: "2020-01-03", event: 3}
                  - input: this
                    rows:
                      - {event_time: "2020-01-01", event: 1}
                expect:
                  rows:
                    - {event_time: "2020-01-02", event: 2}
                    - {event_time: "2020-01-03", event: 3}
            """;

    private static final String MY_NEW_MODEL = """
            select
            my_favorite_seed.id,
            a + b as c
            from {{ ref('my_favorite_seed') }} as my_favorite_seed
            inner join {{ ref('my_favorite_model') }} as my_favorite_model
            on my_favorite_seed.id = my_favorite_model.id
            """;

    @TempDir
    Path dir;

    @Test
    void theUnitTestExpectedToFailSkipsItsModelAndTheRunGoesOn() throws Exception {
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), MY_MODEL_TESTS + DATETIME_TEST);

        TransformResult result = project.build();

        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_my_model", Status.FAIL)
                .containsEntry("unit_test.test.my_model.test_my_model_empty", Status.PASS)
                .containsEntry("unit_test.test.my_model.test_my_model_string_concat", Status.PASS)
                .containsEntry("unit_test.test.my_model.test_my_model_datetime", Status.PASS)
                .containsEntry("model.test.my_model", Status.SKIPPED)
                .containsEntry("model.test.my_model_a", Status.SUCCESS)
                .containsEntry("model.test.my_model_b", Status.SUCCESS)
                .doesNotContainKey("unit_test.test.my_model.test_disabled_my_model")
                .hasSize(7);
        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .message())
                .contains("- {c=2}")
                .contains("+ {c=3}");
        String runResults = Files.readString(dir.resolve("target/run_results.json"));
        assertThat(runResults).contains("unit_test.test.my_model.test_my_model").contains("\"fail\"");
        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        assertThat(manifest.path("unit_tests") // dbt's manifest: unit tests apart, their tags in their config
                        .path("unit_test.test.my_model.test_my_model_string_concat")
                        .path("config")
                        .path("tags")
                        .toString())
                .isEqualTo("[\"test_this\"]");
    }

    @Test
    void twoUnitTestsOfOneNameOnOneModelAreAParseError() {
        DbtTestProject project =
                UnitTestFixtures.myModel(new DbtTestProject(dir), MY_MODEL_TESTS + DATETIME_TEST + DATETIME_TEST);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Two unit tests of my_model are named test_my_model_datetime");
    }

    @Test
    void incrementalModelWithAndWithoutThis() throws Exception {
        DbtTestProject project = incrementalAfterRun(MY_INCREMENTAL_MODEL, "my_incremental_model");

        assertIncrementalUnitTestsPass(project.build());
        assertThat(project.rowCount("my_incremental_model")).isEqualTo(3);
    }

    @Test
    void incrementalModelWithAnAlias() throws Exception {
        DbtTestProject project = incrementalAfterRun(
                MY_INCREMENTAL_MODEL.replace(
                        "materialized='incremental'", "materialized='incremental',\nalias='alias_name'"),
                "alias_name");

        assertIncrementalUnitTestsPass(project.build());
        assertThat(project.rowCount("alias_name")).isEqualTo(3);
    }

    /** The incremental project as after {@code dbt run}: the model's table exists, so 'this' is typed like it. */
    private DbtTestProject incrementalAfterRun(String model, String table) throws Exception {
        DbtTestProject project = incremental(new DbtTestProject(dir), model, INCREMENTAL_TESTS);
        project.sql(
                "CREATE SCHEMA test_schema",
                "CREATE TABLE test_schema." + table + " AS SELECT DATE '2020-01-01' AS event_time, 1 AS event");
        return project;
    }

    private static void assertIncrementalUnitTestsPass(TransformResult result) {
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_incremental_model.incremental_false", Status.PASS)
                .containsEntry("unit_test.test.my_incremental_model.incremental_true", Status.PASS)
                .containsEntry("model.test.my_incremental_model", Status.SUCCESS);
    }

    @Test
    void anIncrementalModelsUnitTestNeedsABooleanIsIncrementalOverride() {
        String noOverride = """
                unit_tests:
                  - name: incremental_false
                    model: my_incremental_model
                    given:
                      - input: ref('events')
                        rows:
                          - {event_time: "2020-01-01", event: 1}
                    expect:
                      rows:
                        - {event_time: "2020-01-01", event: 1}
                """;
        String message = "Boolean override for 'is_incremental' must be provided for unit test 'incremental_false'"
                + " in model 'my_incremental_model'";
        DbtTestProject project = incremental(new DbtTestProject(dir), MY_INCREMENTAL_MODEL, noOverride);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/schema.yml")
                .hasMessageContaining(message);

        project.file(
                "models/schema.yml",
                noOverride.replace(
                        "    given:", "    overrides:\n      macros:\n        is_incremental: foobar\n    given:"));
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anIncrementalUnitTestWithIsIncrementalTrueNeedsAThisInput() {
        DbtTestProject project = incremental(
                new DbtTestProject(dir),
                MY_INCREMENTAL_MODEL,
                INCREMENTAL_TESTS.substring(0, INCREMENTAL_TESTS.indexOf("      - input: this")) + """
                            expect:
                              rows:
                                - {event_time: "2020-01-02", event: 2}
                        """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unit test 'incremental_true' for incremental model 'my_incremental_model'"
                        + " must have a 'this' input");
    }

    @Test
    void explicitSeedRows() {
        TransformResult result = seedProject("ref('my_favorite_seed')\n        rows:\n          - {id: 1, a: 10}", 12)
                .build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_new_model.t").status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void aSeedInputWithoutRowsHasTheSeedsRows() {
        TransformResult result = seedProject("ref('my_favorite_seed')", 7).build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_new_model.t").status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void anInputWithoutRowsThatIsNoSeedIsAParseError() {
        DbtTestProject project = seedProject("ref('my_second_favorite_seed')", 7);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/schema.yml (unit test t)")
                .hasMessageContaining("Unable to find seed 'my_second_favorite_seed' for unit tests");
    }

    @Test
    void aValueOfTheWrongTypeAndAnInputNotInTheProjectAreTheUnitTestsErrors() {
        String invalid = """
                unit_tests:
                  - name: test_my_model
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        rows:
                          - {id: 1, a: "a"}
                      - input: ref('my_model_b')
                        rows:
                          - {id: 1, b: 2}
                          - {id: 2, b: 2}
                    expect:
                      rows:
                        - {c: 3}
                """;
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), invalid);

        TransformResult result = project.build();
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_my_model", Status.ERROR)
                .containsEntry("model.test.my_model", Status.SKIPPED)
                .containsEntry("model.test.my_model_a", Status.SUCCESS);

        project.file(
                "models/test_my_model.yml",
                invalid.replace("{id: 1, a: \"a\"}", "{id: 1, a: 1}")
                        .replace("ref('my_model_a')", "ref('my_model_x')"));
        result = project.build();
        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .message())
                .contains("had an input (ref('my_model_x')) which was not found in the manifest");
        assertThat(DbtTestProject.node(result, "model.test.my_model").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void versionsAreRefusedNamingTheFile() {
        DbtTestProject project = UnitTestFixtures.myModel(
                new DbtTestProject(dir),
                MY_MODEL_TESTS.replace(
                        "  - name: test_my_model_empty\n",
                        "  - name: test_my_model_empty\n    versions: {include: [2]}\n"));

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/test_my_model.yml (unit test test_my_model_empty)")
                .hasMessageContaining("'versions' is not supported");
    }

    /** my_new_model on a seed and a model; {@code seedInput} is the seed's given, {@code c} the expected c. */
    private DbtTestProject seedProject(String seedInput, int c) {
        return new DbtTestProject(dir)
                .file("seeds/my_favorite_seed.csv", "id,a\n1,5\n2,4\n3,3\n4,2\n5,1\n")
                .file("models/my_new_model.sql", MY_NEW_MODEL)
                .file("models/my_favorite_model.sql", "select\n2 as id,\n3 as b\n")
                .file("models/schema.yml", """
                        unit_tests:
                          - name: t
                            model: my_new_model
                            given:
                              - input: %s
                              - input: ref('my_favorite_model')
                                rows:
                                  - {id: 1, b: 2}
                            expect:
                              rows:
                                - {id: 1, c: %d}
                        """.formatted(seedInput, c));
    }

    private static DbtTestProject incremental(DbtTestProject project, String model, String unitTests) {
        return project.file("models/my_incremental_model.sql", model)
                .file("models/events.sql", EVENTS)
                .file("models/schema.yml", unitTests);
    }
}
