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

    private static final String INLINE_CSV = """
            unit_tests:
              - name: test_my_model
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
                      2,2
                expect:
                  format: csv
                  rows: |
                    c
                    2
              - name: test_my_model_empty
                model: my_model
                given:
                  - input: ref('my_model_a')
                    rows: []
                  - input: ref('my_model_b')
                    format: csv
                    rows: |
                      id,b
                      1,2
                      2,2
                expect:
                  rows: []
              - name: test_my_model_overrides
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
                      2,2
            """ + OVERRIDES + """
              - name: test_my_model_string_concat
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    rows: |
                      id,string_a
                      1,a
                  - input: ref('my_model_b')
                    format: csv
                    rows: |
                      id,string_b
                      1,b
                expect:
                  format: csv
                  rows: |
                    string_c
                    ab
                config:
                    tags: test_this
            """;

    private static final String FILE_CSV = """
            unit_tests:
              - name: test_my_model
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_numeric_fixture
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_fixture
                expect:
                  format: csv
                  fixture: test_my_model_basic_fixture
              - name: test_my_model_empty
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_empty_fixture
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_fixture
                expect:
                  format: csv
                  fixture: test_my_model_a_empty_fixture
              - name: test_my_model_overrides
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_numeric_fixture
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_fixture
            """ + OVERRIDES + """
              - name: test_my_model_string_concat
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_fixture
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_b_fixture
                expect:
                  format: csv
                  fixture: test_my_model_concat_fixture
                config:
                  tags: test_this
            """;

    private static final String MIXED_CSV = """
            unit_tests:
              - name: test_my_model
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
                      2,2
                expect:
                  format: csv
                  fixture: test_my_model_basic_fixture
              - name: test_my_model_empty
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_empty_fixture
                  - input: ref('my_model_b')
                    format: csv
                    rows: |
                      id,b
                      1,2
                      2,2
                expect:
                  format: csv
                  fixture: test_my_model_a_empty_fixture
              - name: test_my_model_overrides
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    rows: |
                      id,a
                      1,1
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_fixture
            """ + OVERRIDES + """
              - name: test_my_model_string_concat
                model: my_model
                given:
                  - input: ref('my_model_a')
                    format: csv
                    fixture: test_my_model_a_fixture
                  - input: ref('my_model_b')
                    format: csv
                    fixture: test_my_model_b_fixture
                expect:
                  format: csv
                  rows: |
                    string_c
                    ab
                config:
                  tags: test_this
            """;

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
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), """
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
                      fixture: fake_fixture
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("File not found for fixture 'fake_fixture'");
    }

    @Test
    void twoFixtureFilesOfOneNameAreAParseError() {
        DbtTestProject project = UnitTestFixtures.myModel(new DbtTestProject(dir), """
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
                              fixture: test_my_model_basic_fixture
                        """)
                .file("tests/fixtures/one-folder/test_my_model_basic_fixture.csv", "c\n2\n")
                .file("tests/fixtures/another-folder/test_my_model_basic_fixture.csv", "c\n2\n");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Two unit test fixtures are named test_my_model_basic_fixture")
                .hasMessageContaining("tests/fixtures/one-folder/test_my_model_basic_fixture.csv");
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
