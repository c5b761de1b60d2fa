package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds' {@code column_types} (dbt-tests-adapter's {@code simple_seed/test_seed_type_override.py} sets them from
 * dbt_project.yml): the named columns get those types, the others the types DuckDB detects.
 */
class SeedColumnTypesTest {

    private static final String TRICKY = """
            seed_id,seed_id_str,a_bool,looks_like_a_bool,a_date,looks_like_a_date
            1,1,true,true,2019-01-01 12:32:30,2019-01-01 12:32:30
            2,2,False,False,2019-01-01 01:32:32,2019-01-01 01:32:32
            """;

    @TempDir
    Path dir;

    @Test
    void columnTypesFromTheProjectAndTheSchemaFileAreApplied() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        seeds:
                          test:
                            seed_tricky:
                              +column_types: {seed_id_str: text, looks_like_a_bool: text, looks_like_a_date: text}
                        """)
                .file("seeds/seed_tricky.csv", TRICKY)
                .file("seeds/seed_other.csv", "id,amount\n1,2.5\n")
                .file("seeds/schema.yml", """
                        version: 2
                        seeds:
                          - name: seed_other
                            config:
                              column_types: {amount: 'decimal(10,3)'}
                        """);

        TransformResult result = project.build();

        assertThat(result.succeeded()).isTrue();
        assertThat(project.rows("select column_name, data_type from information_schema.columns where table_name ="
                        + " 'seed_tricky' order by ordinal_position"))
                .containsExactly(
                        List.of("seed_id", "BIGINT"),
                        List.of("seed_id_str", "VARCHAR"),
                        List.of("a_bool", "BOOLEAN"),
                        List.of("looks_like_a_bool", "VARCHAR"),
                        List.of("a_date", "TIMESTAMP"),
                        List.of("looks_like_a_date", "VARCHAR"));
        assertThat(project.rows("select looks_like_a_bool from test_schema.seed_tricky order by seed_id"))
                .containsExactly(List.of("true"), List.of("False"));
        assertThat(project.rows("select data_type from information_schema.columns where table_name = 'seed_other'"
                        + " and column_name = 'amount'"))
                .containsExactly(List.of("DECIMAL(10,3)"));
    }

    @Test
    void aColumnTheCsvDoesNotHaveFailsTheSeed() {
        DbtTestProject project = new DbtTestProject(dir).project("""
                        seeds:
                          test:
                            +column_types: {no_such_column: text}
                        """).file("seeds/seed_tricky.csv", TRICKY);

        TransformResult result = project.build();

        assertThat(result.succeeded()).isFalse();
        assertThat(DbtTestProject.node(result, "seed.test.seed_tricky").message())
                .contains("no_such_column");
        assertThatThrownBy(() -> project.rows("select * from test_schema.seed_tricky"))
                .hasMessageContaining("seed_tricky");
    }

    @Test
    void aPostHookDropsTheSeedThroughThisIncorporate() throws Exception {
        // dbt-utils' integration tests drop a seed right after it loads: this.incorporate(type='table')
        DbtTestProject project = new DbtTestProject(dir)
                .project("""
                        seeds:
                          test:
                            dropped:
                              +post-hook: "{% do adapter.drop_relation(this.incorporate(type='table')) %}"
                        """)
                .file("seeds/dropped.csv", "id\n1\n")
                .file("seeds/kept.csv", "id\n2\n");

        TransformResult result = project.build();

        assertThat(result.succeeded()).isTrue();
        assertThat(project.rows("select table_name from information_schema.tables where table_schema = 'test_schema'"
                        + " order by 1"))
                .containsExactly(List.of("kept"));
    }
}
