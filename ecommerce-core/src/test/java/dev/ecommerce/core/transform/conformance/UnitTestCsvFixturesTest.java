package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.UnitTestFixtures.DATETIME_TEST;
import static dev.ecommerce.core.transform.conformance.UnitTestFixtures.DATETIME_TEST_INVALID_CSV_VALUES;
import static dev.ecommerce.core.transform.conformance.UnitTestFixtures.DATETIME_TEST_INVALID_FORMAT_KEY;
import static dev.ecommerce.core.transform.conformance.UnitTestFixtures.OVERRIDES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core {@code tests/functional/unit_testing/test_csv_fixtures.py}: unit test rows as inline CSV, as CSV
 * fixture files under {@code tests/fixtures/}, and mixed; empty CSV values are NULL; a missing or duplicate
 * fixture file and rows that do not match their format are parse errors naming the file.
 */
class UnitTestCsvFixturesTest {

    private static final String MODEL_A_NUMERIC = inline("id,a", "1,1");
    private static final String MODEL_B = inline("id,b", "1,2", "2,2");
    private static final String BASIC = inline("c", "2");
    private static final String MODEL_A_STRING = inline("id,string_a", "1,a");
    private static final String MODEL_B_STRING = inline("id,string_b", "1,b");
    private static final String CONCAT = inline("string_c", "ab");

    /** test_csv_fixtures.py's unit tests in inline CSV. */
    private static final String INLINE_CSV =
            csvTests(MODEL_A_NUMERIC, MODEL_B, BASIC, "rows: []", MODEL_A_STRING, MODEL_B_STRING, CONCAT);

    /** The same, all from fixture files. */
    private static final String FILE_CSV = csvTests(
            "fixture: test_my_model_a_numeric_fixture",
            "fixture: test_my_model_fixture",
            "fixture: test_my_model_basic_fixture",
            "fixture: test_my_model_a_empty_fixture",
            "fixture: test_my_model_a_fixture",
            "fixture: test_my_model_b_fixture",
            "fixture: test_my_model_concat_fixture");

    /** The same, some inline, some from fixture files. */
    private static final String MIXED_CSV = csvTests(
            MODEL_A_NUMERIC,
            "fixture: test_my_model_fixture",
            "fixture: test_my_model_basic_fixture",
            "fixture: test_my_model_a_empty_fixture",
            "fixture: test_my_model_a_fixture",
            "fixture: test_my_model_b_fixture",
            CONCAT);

    private static final String MY_MODEL_CHECK_NULL = """
            SELECT
            CASE
              WHEN a IS null THEN True
              ELSE False
            END a_is_null
            FROM {{ ref('my_model_a') }}
            """;

    @TempDir
    Path dir;

    @Test
    void inlineCsv() {
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), INLINE_CSV + DATETIME_TEST);

        assertFiveResults(project.build());
        assertParseErrors(project, INLINE_CSV);
    }

    @Test
    void csvFixtureFiles() {
        DbtTestProject project =
                fixtureFiles(UnitTestFixtures.myModel(new DbtTestProject(dir), FILE_CSV + DATETIME_TEST));

        assertFiveResults(project.build());

        project.file("tests/fixtures/test_my_model_a_fixture.csv", "id,string_a\n1,a\n2,2\n");
        assertFiveResults(project.build()); // a row more in the input does not change the outcome

        assertParseErrors(project, FILE_CSV);
    }

    @Test
    void aMissingFixtureFileIsAParseError() throws Exception {
        DbtTestProject project =
                fixtureFiles(UnitTestFixtures.myModel(new DbtTestProject(dir), FILE_CSV + DATETIME_TEST));
        project.delete("tests/fixtures/test_my_model_a_fixture.csv");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/test_my_model.yml (unit test test_my_model_string_concat)")
                .hasMessageContaining("File not found for fixture 'test_my_model_a_fixture' in unit tests");
    }

    @Test
    void mixedInlineCsvAndFixtureFiles() {
        DbtTestProject project =
                fixtureFiles(UnitTestFixtures.myModel(new DbtTestProject(dir), MIXED_CSV + DATETIME_TEST));

        assertFiveResults(project.build());
        assertParseErrors(project, MIXED_CSV);
    }

    @Test
    void anEmptyInlineCsvValueIsNull() {
        DbtTestProject project = checkNull(new DbtTestProject(dir), """
                unit_tests:
                  - name: test_my_model_check_null
                    model: my_model_check_null
                    given:
                      - input: ref('my_model_a')
                        format: csv
                        rows: |
                          id,a
                          1,
                          2,3
                    expect:
                      format: csv
                      rows: |
                        a_is_null
                        True
                        False
                """);

        assertThat(DbtTestProject.statuses(project.build()))
                .containsEntry("unit_test.test.my_model_check_null.test_my_model_check_null", Status.PASS);
    }

    @Test
    void anEmptyCsvFixtureFileValueIsNull() {
        DbtTestProject project = checkNull(new DbtTestProject(dir), """
                        unit_tests:
                          - name: test_my_model_check_null
                            model: my_model_check_null
                            given:
                              - input: ref('my_model_a')
                                format: csv
                                fixture: test_my_model_a_with_null_fixture
                            expect:
                              format: csv
                              rows: |
                                a_is_null
                                True
                                False
                        """)
                .file("tests/fixtures/test_my_model_a_with_null_fixture.csv", "id,a\n1,\n2,3\n");

        assertThat(DbtTestProject.statuses(project.build()))
                .containsEntry("unit_test.test.my_model_check_null.test_my_model_check_null", Status.PASS);
    }

    @Test
    void anUnknownFixtureIsAParseError() {
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), expectingFixture("fake_fixture"));

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("File not found for fixture 'fake_fixture'");
    }

    @Test
    void twoFixtureFilesOfOneNameAreAParseError() {
        DbtTestProject project = UnitTestFixtures.myModel(
                        new DbtTestProject(dir), expectingFixture("test_my_model_basic_fixture"))
                .file("tests/fixtures/one-folder/test_my_model_basic_fixture.csv", "c\n2\n")
                .file("tests/fixtures/another-folder/test_my_model_basic_fixture.csv", "c\n2\n");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Two unit test fixtures are named test_my_model_basic_fixture")
                .hasMessageContaining("tests/fixtures/one-folder/test_my_model_basic_fixture.csv");
    }

    /** A unit test of my_model with inline CSV inputs, expecting the rows of the fixture named. */
    private static String expectingFixture(String fixture) {
        return """
                unit_tests:
                  - name: test_missing_csv_file
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        format: csv
                        rows: |
                          id,a
                          1,1
                      - input: ref('my_model_b')
                        format: csv
                        rows: |
                          id,b
                          1,2
                    expect:
                      format: csv
                      fixture: %s
                """.formatted(fixture);
    }

    /**
     * The four unit tests of my_model in CSV, each argument the {@code rows:} or {@code fixture:} of an input or
     * of an expectation: test_my_model (a, b, expected c), test_my_model_empty (empty a, b, empty expectation),
     * test_my_model_overrides (a, b) and test_my_model_string_concat (a, b, expected string_c).
     */
    private static String csvTests(
            String a, String b, String c, String emptyA, String stringA, String stringB, String stringC) {
        boolean dict = emptyA.equals("rows: []");
        return """
                unit_tests:
                  - name: test_my_model
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        format: csv
                        %1$s
                      - input: ref('my_model_b')
                        format: csv
                        %2$s
                    expect:
                      format: csv
                      %3$s
                  - name: test_my_model_empty
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        %4$s
                      - input: ref('my_model_b')
                        format: csv
                        %2$s
                    expect:
                      %5$s
                  - name: test_my_model_overrides
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        format: csv
                        %1$s
                      - input: ref('my_model_b')
                        format: csv
                        %2$s
                """.formatted(
                                indented(a, 8),
                                indented(b, 8),
                                indented(c, 6),
                                dict ? emptyA : "format: csv\n        " + emptyA,
                                dict ? emptyA : "format: csv\n      " + emptyA)
                + OVERRIDES
                + """
                  - name: test_my_model_string_concat
                    model: my_model
                    given:
                      - input: ref('my_model_a')
                        format: csv
                        %s
                      - input: ref('my_model_b')
                        format: csv
                        %s
                    expect:
                      format: csv
                      %s
                    config:
                        tags: test_this
                """.formatted(indented(stringA, 8), indented(stringB, 8), indented(stringC, 6));
    }

    /** Inline CSV rows: {@code rows: |} and the lines, indented under it. */
    private static String inline(String... lines) {
        return "rows: |\n"
                + String.join(
                        "\n", java.util.Arrays.stream(lines).map(l -> "  " + l).toList());
    }

    /** A possibly multi-line YAML fragment placed at {@code indent} columns (its first line is placed already). */
    private static String indented(String fragment, int indent) {
        return fragment.replace("\n", "\n" + " ".repeat(indent));
    }

    private static DbtTestProject fixtureFiles(DbtTestProject project) {
        return project.file("tests/fixtures/test_my_model_fixture.csv", "id,b\n1,2\n2,2\n")
                .file("tests/fixtures/test_my_model_a_fixture.csv", "id,string_a\n1,a\n")
                .file("tests/fixtures/test_my_model_b_fixture.csv", "id,string_b\n1,b\n")
                .file("tests/fixtures/test_my_model_basic_fixture.csv", "c\n2\n")
                .file("tests/fixtures/test_my_model_a_numeric_fixture.csv", "id,a\n1,1\n")
                .file("tests/fixtures/test_my_model_a_empty_fixture.csv", "\n")
                .file("tests/fixtures/test_my_model_concat_fixture.csv", "string_c\nab\n");
    }

    private static DbtTestProject checkNull(DbtTestProject project, String unitTests) {
        return project.file("models/my_model_a.sql", UnitTestFixtures.MY_MODEL_A)
                .file("models/my_model_check_null.sql", MY_MODEL_CHECK_NULL)
                .file("models/test_my_model_csv_null.yml", unitTests);
    }

    /**
     * What {@code dbt test --select my_model} gives: five unit tests, of which {@code test_my_model} fails
     * (c is 3, not 2) and {@code test_my_model_overrides} errors (my_model has no macro_call column); so
     * {@code build} skips my_model.
     */
    private static void assertFiveResults(TransformResult result) {
        assertThat(DbtTestProject.count(result, "unit_test", Status.PASS)).isEqualTo(3);
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("unit_test.test.my_model.test_my_model", Status.FAIL)
                .containsEntry("unit_test.test.my_model.test_my_model_empty", Status.PASS)
                .containsEntry("unit_test.test.my_model.test_my_model_overrides", Status.ERROR)
                .containsEntry("unit_test.test.my_model.test_my_model_string_concat", Status.PASS)
                .containsEntry("unit_test.test.my_model.test_my_model_datetime", Status.PASS)
                .containsEntry("model.test.my_model", Status.SKIPPED)
                .containsEntry("model.test.my_model_a", Status.SUCCESS)
                .containsEntry("model.test.my_model_b", Status.SUCCESS);
        assertThat(DbtTestProject.node(result, "unit_test.test.my_model.test_my_model_overrides")
                        .message())
                .contains("Invalid column name: 'macro_call' in unit test fixture for expected output.");
    }

    /** An unknown format, and CSV declared but dicts given, are parse errors naming the file and unit test. */
    private static void assertParseErrors(DbtTestProject project, String unitTests) {
        project.file("models/test_my_model.yml", unitTests + DATETIME_TEST_INVALID_FORMAT_KEY);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/test_my_model.yml (unit test test_my_model_datetime)")
                .hasMessageContaining("format 'xxxx' is not a unit test format");

        project.file("models/test_my_model.yml", unitTests + DATETIME_TEST_INVALID_CSV_VALUES);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/test_my_model.yml (unit test test_my_model_datetime)")
                .hasMessageContaining("do not match format csv");
    }
}
