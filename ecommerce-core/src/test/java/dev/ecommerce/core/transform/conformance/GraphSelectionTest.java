package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core's {@code tests/functional/graph_selection} ({@code test_graph_selection.py},
 * {@code test_intersection_syntax.py}, {@code test_schema_test_graph_selection.py}) as {@code dbt build}: a seed,
 * an ephemeral {@code base_users}, {@code users} (table; tags bi, users), {@code users_rollup} (view; tag bi),
 * {@code users_rollup_dependency} (table) and {@code sub/emails} (view), with generic tests. Asserts which nodes
 * each selection runs.
 */
class GraphSelectionTest {

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir)
                .file("seeds/seed.csv", "id,name,gender\n1,Alice,F\n2,Bob,M\n3,Carl,M\n")
                .file("models/base_users.sql", """
                        {{ config(materialized = 'ephemeral', tags = ['base']) }}
                        select * from {{ ref('seed') }}
                        """)
                .file("models/users.sql", """
                        {{ config(materialized = 'table', tags = ['bi', 'users']) }}
                        select * from {{ ref('base_users') }}
                        """)
                .file("models/users_rollup.sql", """
                        {{ config(materialized = 'view', tags = 'bi') }}
                        select gender, count(*) as ct from {{ ref('users') }} group by 1
                        """)
                .file("models/users_rollup_dependency.sql", """
                        {{ config(materialized = 'table') }}
                        select * from {{ ref('users_rollup') }}
                        """)
                .file("models/sub/emails.sql", """
                        select id, lower(name) || '@example.com' as email from {{ ref('base_users') }}
                        """)
                .file("models/schema.yml", """
                        version: 2
                        models:
                          - name: emails
                            columns:
                              - name: email
                                data_tests:
                                  - not_null:
                                      severity: warn
                              - name: id
                                data_tests:
                                  - relationships:
                                      to: ref('users')
                                      field: id
                          - name: users
                            columns:
                              - name: id
                                data_tests: [unique]
                          - name: users_rollup
                            columns:
                              - name: gender
                                data_tests: [unique]
                        """);
    }

    /** The unique ids a run executed (or skipped), in any order; the relationships test by its prefix. */
    private static Set<String> ran(TransformResult result) {
        return result.nodes().stream()
                .map(n -> n.uniqueId().startsWith("test.test.relationships_emails_id")
                        ? "test.test.relationships_emails_id"
                        : DbtTestProject.withoutHash(n.uniqueId()))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    @Test
    void resourceTypeSeedBuildsOnlySeeds() throws Exception {
        TransformResult result = project.build("resource_type:seed");

        assertThat(statuses(result)).containsExactly(java.util.Map.entry("seed.test.seed", Status.SUCCESS));
        assertThat(project.rowCount("seed")).isEqualTo(3);
        assertThat(project.relationType("users")).isNull();
    }

    @Test
    void testNameRunsOnlyThoseTests() {
        project.build();

        TransformResult unique = project.build("test_name:unique");
        assertThat(ran(unique))
                .containsExactlyInAnyOrder("test.test.unique_users_id", "test.test.unique_users_rollup_gender");
        assertThat(statuses(unique).values()).containsOnly(Status.PASS);

        TransformResult tests = project.build("resource_type:test");
        assertThat(ran(tests))
                .containsExactlyInAnyOrder(
                        "test.test.unique_users_id",
                        "test.test.unique_users_rollup_gender",
                        "test.test.not_null_emails_email",
                        "test.test.relationships_emails_id");
    }

    @Test
    void aTestOrAUnitTestIsSelectableByItself() throws Exception {
        project.file("models/unit.yml", """
                unit_tests:
                  - name: rollup_counts
                    model: users_rollup
                    given:
                      - input: ref('users')
                        rows: [{id: 1, gender: F}, {id: 2, gender: M}, {id: 3, gender: M}]
                    expect:
                      rows: [{gender: F, ct: 1}, {gender: M, ct: 2}]
                """);
        project.build("resource_type:seed", "users");

        assertThat(DbtTestProject.statusesByName(project.build("unique_users_id")))
                .containsExactly(java.util.Map.entry("test.test.unique_users_id", Status.PASS));
        TransformResult unit = project.build("resource_type:unit_test");
        assertThat(statuses(unit))
                .containsExactly(java.util.Map.entry("unit_test.test.users_rollup.rollup_counts", Status.PASS));
        assertThat(project.relationType("users_rollup")).isNull(); // the model itself was not built
        // selecting the model runs its unit test first, as dbt build does
        assertThat(ran(project.build("users_rollup")))
                .containsExactlyInAnyOrder(
                        "unit_test.test.users_rollup.rollup_counts",
                        "model.test.users_rollup",
                        "test.test.unique_users_rollup_gender");
    }

    @Test
    void resourceTypeSnapshotBuildsOnlySnapshotsAndTheirTests() throws Exception {
        project.file("snapshots/snapshots.yml", """
                snapshots:
                  - name: users_history
                    relation: ref('users')
                    config:
                      unique_key: id
                      strategy: check
                      check_cols: all
                    columns:
                      - name: id
                        data_tests: [not_null]
                """);
        project.build("resource_type:seed", "users");

        TransformResult result = project.build("resource_type:snapshot");

        assertThat(ran(result))
                .containsExactlyInAnyOrder("snapshot.test.users_history", "test.test.not_null_users_history_id");
        assertThat(statuses(result).values()).containsOnly(Status.SUCCESS, Status.PASS);
        assertThat(project.rowCount("users_history")).isEqualTo(3);
        assertThat(ran(project.build("config.materialized:snapshot"))).isEqualTo(ran(result));
    }

    @Test
    void commaIsAnIntersection() {
        project.build("resource_type:seed");

        TransformResult result = project.build("tag:bi,tag:users");

        // users and the tests on it (the relationships test reads users too: dbt's eager indirect selection)
        assertThat(ran(result))
                .containsExactlyInAnyOrder(
                        "model.test.users", "test.test.unique_users_id", "test.test.relationships_emails_id");
        assertThat(ran(project.build("*,tag:bi,tag:users"))).containsExactlyInAnyOrderElementsOf(ran(result));
        // each criterion takes the tests on its nodes before they intersect, as dbt's: the relationships test
        // reads users (tag bi) and emails (a view), so both criteria hold it
        assertThat(ran(project.build("tag:bi,config.materialized:view")))
                .containsExactlyInAnyOrder(
                        "model.test.users_rollup",
                        "test.test.unique_users_rollup_gender",
                        "test.test.relationships_emails_id");
    }

    @Test
    void spaceIsAUnion() {
        project.build("resource_type:seed");

        TransformResult result = project.build("users", "sub.emails");

        assertThat(ran(result))
                .containsExactlyInAnyOrder(
                        "model.test.users",
                        "test.test.unique_users_id",
                        "model.test.emails",
                        "test.test.not_null_emails_email",
                        "test.test.relationships_emails_id");
        assertThat(statuses(result).values()).containsOnly(Status.SUCCESS, Status.PASS);
    }

    @Test
    void atSelectsTheDescendantsAndTheirAncestors() {
        TransformResult result = project.build("@emails");

        // emails' relationships test reads users: @emails builds users (and the seed) too
        assertThat(ran(result))
                .containsExactlyInAnyOrder(
                        "seed.test.seed",
                        "model.test.users",
                        "test.test.unique_users_id",
                        "model.test.emails",
                        "test.test.not_null_emails_email",
                        "test.test.relationships_emails_id");
    }

    @Test
    void depthsLimitTheGenerations() {
        project.build();

        assertThat(ran(project.build("1+users_rollup_dependency")))
                .containsExactlyInAnyOrder(
                        "model.test.users_rollup",
                        "test.test.unique_users_rollup_gender",
                        "model.test.users_rollup_dependency");
        assertThat(ran(project.build("users+1")))
                .contains("model.test.users", "model.test.users_rollup")
                .doesNotContain("model.test.users_rollup_dependency", "model.test.emails");
    }

    @Test
    void excludeRemovesNodesAndTheTestsOnThem() {
        TransformResult result = project.build(List.of(), List.of("test_name:unique", "sub"), null);

        assertThat(ran(result))
                .containsExactlyInAnyOrder(
                        "seed.test.seed",
                        "model.test.users",
                        "model.test.users_rollup",
                        "model.test.users_rollup_dependency");

        TransformResult downstream = project.build(List.of("users+"), List.of("users_rollup"), null);
        assertThat(ran(downstream))
                .containsExactlyInAnyOrder(
                        "model.test.users",
                        "test.test.unique_users_id",
                        "test.test.relationships_emails_id",
                        "model.test.users_rollup_dependency");
    }

    @Test
    void aSelectionThatMatchesNothingWarnsAndRunsNothing() throws Exception {
        TransformResult result = project.build("no_such_model");

        assertThat(result.nodes()).isEmpty();
        assertThat(project.log())
                .contains("WARNING: The selection criterion 'no_such_model' does not match any enabled nodes")
                .contains("WARNING: Nothing to do. Try checking your model configs and model specification args");
        assertThat(Files.readString(dir.resolve("target/run_results.json"))).contains("\"results\":[]");
    }
}
