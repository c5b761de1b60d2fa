package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt-core {@code tests/functional/unit_testing/test_sql_format.py}: given and expected rows as SQL
 * ({@code format: sql}), inline and from SQL fixture files; {@code dbt build} gives seven passing results.
 */
class UnitTestSqlFormatTest {

    private static final String STG_WIZARDS_ROWS = """
            select 1 as wizard_id, 'joe' as wizard_name, 'cool@example.com' as email, 'example.com' as email_top_level_domain, '123' as phone_number, 1 as world_id  union all
            select 2 as wizard_id, 'don' as wizard_name, 'cool@unknown.com' as email, 'unknown.com' as email_top_level_domain, '456' as phone_number, 2 as world_id  union all
            select 3 as wizard_id, 'mary' as wizard_name, 'badgmail.com' as email, 'gmail.com' as email_top_level_domain, '789' as phone_number, 3 as world_id union all
            select 4 as wizard_id, 'jane' as wizard_name, 'missingdot@gmailcom' as email, 'gmail.com' as email_top_level_domain, '102' as phone_number, 4 as world_id
            """;

    private static final String DOMAIN_ROWS = """
            select 'example.com' as tld union all
            select 'gmail.com' as tld
            """;

    private static final String EXPECTED_ROWS = """
            select 1 as wizard_id, 'joe' as wizard_name, 'cool@example.com' as email, true as is_valid_email_address, '123' as phone_number, null as world_name union all
            select 2 as wizard_id, 'don' as wizard_name, 'cool@unknown.com' as email, false as is_valid_email_address, '456' as phone_number, null as world_name  union all
            select 3 as wizard_id, 'mary' as wizard_name, 'badgmail.com' as email, false as is_valid_email_address, '789' as phone_number, null as world_name union all
            select 4 as wizard_id, 'jane' as wizard_name, 'missingdot@gmailcom' as email, false as is_valid_email_address, '102' as phone_number, null as world_name
            """;

    @TempDir
    Path dir;

    @Test
    void inlineSqlRows() {
        DbtTestProject project =
                wizards(new DbtTestProject(dir)).file("models/schema.yml", inlineSql(indent(DOMAIN_ROWS)));

        assertSevenPass(project.build());
    }

    @Test
    void sqlFixtureFiles() {
        DbtTestProject project = wizards(new DbtTestProject(dir))
                .file("models/schema.yml", """
                        unit_tests:
                          - name: test_valid_email_address
                            model: dim_wizards
                            given:
                              - input: ref('stg_wizards')
                                format: sql
                                fixture: stg_wizards_fixture
                              - input: ref('top_level_email_domains')
                                format: sql
                                fixture: top_level_email_domains_fixture
                              - input: ref('stg_worlds')
                                rows: []
                            expect:
                              format: sql
                              fixture: test_valid_email_address_fixture
                        """)
                .file("tests/fixtures/test_valid_email_address_fixture.sql", EXPECTED_ROWS)
                .file("tests/fixtures/top_level_email_domains_fixture.sql", DOMAIN_ROWS)
                .file("tests/fixtures/stg_wizards_fixture.sql", STG_WIZARDS_ROWS);

        assertSevenPass(project.build()); // the fixtures' SQL files are not singular tests
    }

    @Test
    void expectedSqlThatDiffersFails() {
        DbtTestProject project = wizards(new DbtTestProject(dir))
                .file("models/schema.yml", inlineSql(indent("select 'gmail.com' as tld")));

        TransformResult result = project.build();

        assertThat(DbtTestProject.node(result, "unit_test.test.dim_wizards.test_valid_email_address")
                        .status())
                .isEqualTo(Status.FAIL);
        assertThat(DbtTestProject.node(result, "model.test.dim_wizards").status())
                .isEqualTo(Status.SKIPPED);
    }

    /** The unit test with inline SQL rows, {@code domains} the rows of top_level_email_domains. */
    private static String inlineSql(String domains) {
        return """
                unit_tests:
                  - name: test_valid_email_address
                    model: dim_wizards
                    given:
                      - input: ref('stg_wizards')
                        format: sql
                        rows: |
                %s
                      - input: ref('top_level_email_domains')
                        format: sql
                        rows: |
                %s
                      - input: ref('stg_worlds')
                        rows: []
                    expect:
                      format: sql
                      rows: |
                %s
                """.formatted(indent(STG_WIZARDS_ROWS), domains, indent(EXPECTED_ROWS));
    }

    private static String indent(String rows) {
        return rows.indent(10).stripTrailing();
    }

    private static void assertSevenPass(TransformResult result) {
        assertThat(result.nodes()).hasSize(7);
        assertThat(DbtTestProject.statuses(result))
                .containsEntry("seed.test.wizards", Status.SUCCESS)
                .containsEntry("seed.test.top_level_email_domains", Status.SUCCESS)
                .containsEntry("seed.test.worlds", Status.SUCCESS)
                .containsEntry("model.test.stg_wizards", Status.SUCCESS)
                .containsEntry("model.test.stg_worlds", Status.SUCCESS)
                .containsEntry("unit_test.test.dim_wizards.test_valid_email_address", Status.PASS)
                .containsEntry("model.test.dim_wizards", Status.SUCCESS);
    }

    private static DbtTestProject wizards(DbtTestProject project) {
        return project.file("seeds/wizards.csv", """
                        id,w_name,email,email_tld,phone,world
                        1,Albus Dumbledore,a.dumbledore@gmail.com,gmail.com,813-456-9087,1
                        2,Gandalf,gandy811@yahoo.com,yahoo.com,551-329-8367,2
                        3,Winifred Sanderson,winnie@hocuspocus.com,hocuspocus.com,,6
                        4,Marnie Piper,cromwellwitch@gmail.com,gmail.com,,5
                        5,Grace Goheen,grace.goheen@dbtlabs.com,dbtlabs.com,,3
                        6,Glinda,glinda_good@hotmail.com,hotmail.com,912-458-3289,4
                        """)
                .file("seeds/top_level_email_domains.csv", """
                        tld
                        gmail.com
                        yahoo.com
                        hocuspocus.com
                        dbtlabs.com
                        hotmail.com
                        """)
                .file("seeds/worlds.csv", """
                        id,name
                        1,The Wizarding World
                        2,Middle-earth
                        3,dbt Labs
                        4,Oz
                        5,Halloweentown
                        6,Salem
                        """)
                .file("models/stg_wizards.sql", """
                        select
                            id as wizard_id,
                            w_name as wizard_name,
                            email,
                            email_tld as email_top_level_domain,
                            phone as phone_number,
                            world as world_id
                        from {{ ref('wizards') }}
                        """)
                .file("models/stg_worlds.sql", """
                        select
                            id as world_id,
                            name as world_name
                        from {{ ref('worlds') }}
                        """)
                .file("models/dim_wizards.sql", """
                        with wizards as (
                            select * from {{ ref('stg_wizards') }}
                        ),
                        worlds as (
                            select * from {{ ref('stg_worlds') }}
                        ),
                        accepted_email_domains as (
                            select * from {{ ref('top_level_email_domains') }}
                        ),
                        check_valid_emails as (
                            select
                                wizards.wizard_id,
                                wizards.wizard_name,
                                wizards.email,
                                wizards.phone_number,
                                wizards.world_id,
                                coalesce (
                                    wizards.email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'
                                = true
                                and accepted_email_domains.tld is not null,
                                false) as is_valid_email_address
                            from wizards
                            left join accepted_email_domains
                                on wizards.email_top_level_domain = lower(accepted_email_domains.tld)
                        )
                        select
                            check_valid_emails.wizard_id,
                            check_valid_emails.wizard_name,
                            check_valid_emails.email,
                            check_valid_emails.is_valid_email_address,
                            check_valid_emails.phone_number,
                            worlds.world_name
                        from check_valid_emails
                        left join worlds
                            on check_valid_emails.world_id = worlds.world_id
                        """);
    }
}
