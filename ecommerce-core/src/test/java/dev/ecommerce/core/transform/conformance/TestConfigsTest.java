package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.node;
import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data test configs as dbt has them: {@code severity}, {@code where}, {@code warn_if}, {@code error_if},
 * {@code fail_calc}, {@code limit}, {@code enabled}, at the entry's top level or under {@code config:}, and in a
 * singular test's {@code config()}; a warning does not skip the model's dependants.
 */
class TestConfigsTest {

    @TempDir
    Path dir;

    DbtTestProject project;

    @BeforeEach
    void seed() {
        // three NULL codes, one duplicated id
        project = new DbtTestProject(dir)
                .file("seeds/items.csv", "id,code\n1,a\n2,\n3,\n4,\n4,b\n")
                .file("models/downstream.sql", "select * from {{ ref('items') }}");
    }

    private TransformResult build(String tests) {
        project.file("seeds/schema.yml", "version: 2\nseeds:\n  - name: items\n    columns:\n" + tests);
        return project.build();
    }

    private static NodeResult test(TransformResult result, String namePrefix) {
        return result.nodes().stream()
                .filter(n -> n.resourceType().equals("test") && n.name().equals(namePrefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no test " + namePrefix + " in " + statuses(result)));
    }

    @Test
    void thresholdsDecideBetweenPassWarnAndFail() {
        TransformResult result = build("""
                      - name: code
                        data_tests:
                          - not_null:
                              name: warns_above_one
                              warn_if: ">1"
                              error_if: ">5"
                          - not_null:
                              name: fails_above_two
                              config: {warn_if: ">1", error_if: ">2"}
                          - not_null:
                              name: passes_below_ten
                              config: {warn_if: ">10", error_if: ">10"}
                          - not_null:
                              name: limited
                              config: {limit: 1}
                          - not_null:
                              name: filtered
                              config: {where: "id < 3", meta: {owner: data}, an_adapters_key: 1}
                      - name: id
                        data_tests:
                          - unique:
                              config:
                                fail_calc: "sum(n_records)"
                                severity: warn
                """);

        assertThat(test(result, "warns_above_one").status()).isEqualTo(Status.WARN);
        assertThat(test(result, "warns_above_one").message()).isEqualTo("Got 3 results, configured to warn if >1");
        assertThat(test(result, "fails_above_two").status()).isEqualTo(Status.FAIL);
        assertThat(test(result, "fails_above_two").message()).isEqualTo("Got 3 results, configured to fail if >2");
        assertThat(test(result, "passes_below_ten").status()).isEqualTo(Status.PASS);
        assertThat(test(result, "limited").failures()).isEqualTo(1L);
        assertThat(test(result, "filtered").failures()).isEqualTo(1L);
        NodeResult unique = test(result, "unique_items_id");
        assertThat(unique.status()).isEqualTo(Status.WARN);
        assertThat(unique.failures()).isEqualTo(2L); // sum(n_records) of the one duplicated id
        assertThat(unique.message()).isEqualTo("Got 2 results, configured to warn if != 0");
        // a failing test on the seed skips its dependants; a warning alone would not
        assertThat(node(result, "model.test.downstream").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void aWarningDoesNotSkipDependantsAndADisabledTestDoesNotRun() {
        TransformResult result = build("""
                      - name: code
                        data_tests:
                          - not_null:
                              severity: warn
                          - accepted_values:
                              values: [a]
                              enabled: false
                """);

        assertThat(statuses(result))
                .containsEntry("test.test.not_null_items_code.5f3520e7dd", Status.WARN)
                .containsEntry("model.test.downstream", Status.SUCCESS)
                .hasSize(3);
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void aSingularTestsConfigSetsItsSeverity() {
        project.file("tests/no_nulls.sql", """
                {{ config(severity='warn', warn_if='>2') }}
                select * from {{ ref('items') }} where code is null
                """);

        TransformResult result = project.build();

        assertThat(node(result, "test.test.no_nulls").status()).isEqualTo(Status.WARN);
        assertThat(node(result, "test.test.no_nulls").message()).isEqualTo("Got 3 results, configured to warn if >2");
    }

    @Test
    void dbtProjectYmlsTestConfigsApplyUnderTheTestsOwn() {
        project.project("""
                data_tests:
                  +severity: warn
                  test:
                    +warn_if: ">2"
                """);
        project.file("tests/no_nulls.sql", "select * from {{ ref('items') }} where code is null");

        TransformResult result = build("""
                      - name: code
                        data_tests:
                          - not_null
                          - not_null:
                              name: still_an_error
                              config: {severity: error}
                """);

        assertThat(node(result, "test.test.no_nulls").status()).isEqualTo(Status.WARN);
        assertThat(node(result, "test.test.no_nulls").message()).isEqualTo("Got 3 results, configured to warn if >2");
        assertThat(test(result, "not_null_items_code").status()).isEqualTo(Status.WARN);
        assertThat(test(result, "still_an_error").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void storingFailuresAndATwiceGivenConfigFailNamingTheFile() {
        assertThatThrownBy(() -> build("""
                      - name: code
                        data_tests:
                          - not_null:
                              config: {store_failures: true}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("seeds/schema.yml (seed items) column code test not_null config")
                .hasMessageContaining("store_failures is not supported");
        assertThatThrownBy(() -> build("""
                      - name: code
                        data_tests:
                          - not_null:
                              severity: warn
                              config: {severity: error}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'severity' is given twice");
        assertThatThrownBy(() -> build("""
                      - name: code
                        data_tests:
                          - not_null:
                              config: {severity: sometimes}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("severity must be error or warn, not 'sometimes'");
    }
}
