package dev.ecommerce.core.transform.conformance;

/**
 * The models and unit tests that dbt-core's {@code tests/functional/unit_testing/} cases share (its
 * {@code fixtures.py}), written as our own files: {@code my_model} joins {@code my_model_a} and {@code my_model_b};
 * and the model of dbt-tests-adapter's {@code unit_testing/} cases.
 */
final class UnitTestFixtures {

    static final String MY_MODEL = """
            SELECT
            a+b as c,
            concat(string_a, string_b) as string_c,
            not_testing, date_a
            FROM {{ ref('my_model_a')}} my_model_a
            JOIN {{ ref('my_model_b' )}} my_model_b
            ON my_model_a.id = my_model_b.id
            """;

    static final String MY_MODEL_A = """
            SELECT
            1 as a,
            1 as id,
            2 as not_testing,
            'a' as string_a,
            DATE '2020-01-02' as date_a
            """;

    static final String MY_MODEL_B = """
            SELECT
            2 as b,
            1 as id,
            2 as c,
            'b' as string_b
            """;

    /** A unit test of {@code my_model} on dates, appended to the others. */
    static final String DATETIME_TEST = """
              - name: test_my_model_datetime
                model: my_model
                given:
                  - input: ref('my_model_a')
                    rows:
                      - {id: 1, date_a: "2020-01-01"}
                  - input: ref('my_model_b')
                    rows:
                      - {id: 1}
                expect:
                  rows:
                    - {date_a: "2020-01-01"}
            """;

    /** {@link #DATETIME_TEST} with an unknown format. */
    static final String DATETIME_TEST_INVALID_FORMAT_KEY =
            DATETIME_TEST.replace("input: ref('my_model_a')\n", "input: ref('my_model_a')\n        format: xxxx\n");

    /** {@link #DATETIME_TEST} declaring CSV but giving dicts. */
    static final String DATETIME_TEST_INVALID_CSV_VALUES =
            DATETIME_TEST.replace("input: ref('my_model_a')\n", "input: ref('my_model_a')\n        format: csv\n");

    /** Overrides of a macro, a var and an environment variable (on {@code my_model}, whose columns differ). */
    static final String OVERRIDES = """
                overrides:
                  macros:
                    type_numeric: override
                    invocation_id: 123
                  vars:
                    my_test: var_override
                  env_vars:
                    MY_TEST: env_var_override
                expect:
                  rows:
                    - {macro_call: override, var_call: var_override, env_var_call: env_var_override, invocation_id: 123}
            """;

    /** dbt-tests-adapter's {@code unit_testing/} model: {@code my_model} reads {@code my_upstream_model}. */
    static final String TESTED_COLUMN_MODEL = "select\n    tested_column from {{ ref('my_upstream_model')}}\n";

    private UnitTestFixtures() {}

    /** dbt-tests-adapter's {@code my_model} on {@code my_upstream_model} ({@code select 1 as tested_column}). */
    static DbtTestProject testedColumn(DbtTestProject project) {
        return project.file("models/my_model.sql", TESTED_COLUMN_MODEL)
                .file("models/my_upstream_model.sql", "select 1 as tested_column\n");
    }

    /** A project with {@code my_model}, {@code my_model_a}, {@code my_model_b} and the unit tests given. */
    static DbtTestProject myModel(DbtTestProject project, String unitTests) {
        return project.file("models/my_model.sql", MY_MODEL)
                .file("models/my_model_a.sql", MY_MODEL_A)
                .file("models/my_model_b.sql", MY_MODEL_B)
                .file("models/test_my_model.yml", unitTests);
    }
}
