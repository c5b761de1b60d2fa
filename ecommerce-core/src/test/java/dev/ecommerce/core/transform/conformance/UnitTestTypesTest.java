package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-tests-adapter {@code unit_testing/test_types.py}: a YAML value given and expected for a column of each type
 * is cast to the real relation's type, and a string longer than a {@code varchar(5)} column is not truncated.
 * Beyond the suite (its "TODO: support complex types"), YAML mappings and lists are struct and list literals.
 */
class UnitTestTypesTest {

    private static final String MODEL = UnitTestFixtures.TESTED_COLUMN_MODEL;
    private static final String UPSTREAM = "select\n  %s as tested_column\n";
    private static final String UNIT_TEST = """
            unit_tests:
              - name: test_my_model
                model: my_model
                given:
                  - input: ref('my_upstream_model')
                    rows:
                      - { tested_column: %1$s }
                expect:
                  rows:
                    - { tested_column: %1$s }
            """;

    @TempDir
    Path dir;

    @Test
    void eachTypesYamlValuePasses() {
        List<String[]> types = List.of(
                new String[] {"1", "1"},
                new String[] {"'1'", "1"},
                new String[] {"true", "true"},
                new String[] {"DATE '2020-01-02'", "2020-01-02"},
                // DuckDB refuses the suite's '2013-11-03 00:00:00-0' (an offset on a TIMESTAMP, the form '-0'),
                // in a model as in a fixture: the same instants in forms DuckDB reads
                new String[] {"TIMESTAMP '2013-11-03 00:00:00'", "2013-11-03 00:00:00"},
                new String[] {"TIMESTAMPTZ '2013-11-03 00:00:00+00'", "2013-11-03 00:00:00+00"},
                new String[] {"'1'::numeric", "1"},
                new String[] {
                    "'{\"bar\": \"baz\", \"balance\": 7.77, \"active\": false}'::json",
                    "'{\"bar\": \"baz\", \"balance\": 7.77, \"active\": false}'"
                },
                new String[] {"{'a': 1, 'b': 'x'}", "{a: 1, b: x}"},
                new String[] {"[1, 2, 3]", "[1, 2, 3]"},
                new String[] {"{'a': [1, 2], 'b': {'c': 'y'}}", "{a: [1, 2], b: {c: y}}"});
        DbtTestProject project = new DbtTestProject(dir).file("models/my_model.sql", MODEL);
        for (String[] type : types) {
            project.file("models/my_upstream_model.sql", UPSTREAM.formatted(type[0]))
                    .file("models/schema.yml", UNIT_TEST.formatted(type[1]));

            TransformResult result = project.build();

            assertThat(DbtTestProject.statuses(result))
                    .as("%s given as %s: %s", type[0], type[1], result.nodes())
                    .containsEntry("model.test.my_upstream_model", Status.SUCCESS)
                    .containsEntry("unit_test.test.my_model.test_my_model", Status.PASS)
                    .containsEntry("model.test.my_model", Status.SUCCESS);
        }
    }

    @Test
    void aStructValueThatDiffersFails() {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/my_model.sql", MODEL)
                .file("models/my_upstream_model.sql", UPSTREAM.formatted("{'a': 1, 'b': 'x'}"))
                .file("models/schema.yml", """
                        unit_tests:
                          - name: test_my_model
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows:
                                  - {tested_column: {a: 1, b: x}}
                            expect:
                              rows:
                                - {tested_column: {a: 2, b: x}}
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .status())
                .isEqualTo(Status.FAIL);
        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .message())
                .contains("- {tested_column={a=2, b=x}}");
    }

    @Test
    void aStringIsNotTruncatedToANarrowVarcharColumn() {
        DbtTestProject project = new DbtTestProject(dir)
                .file(
                        "models/my_model.sql",
                        "select tested_column, length(tested_column) as col_len from {{ ref('my_upstream_model')}}\n")
                .file("models/my_upstream_model.sql", UPSTREAM.formatted("cast('short' as varchar(5))"))
                .file("models/schema.yml", """
                        unit_tests:
                          - name: test_my_model
                            model: my_model
                            given:
                              - input: ref('my_upstream_model')
                                rows:
                                  - {tested_column: "longer_string_value"}
                            expect:
                              rows:
                                - {tested_column: "longer_string_value", col_len: 19}
                        """);

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model")
                        .status())
                .isEqualTo(Status.PASS);
    }
}
