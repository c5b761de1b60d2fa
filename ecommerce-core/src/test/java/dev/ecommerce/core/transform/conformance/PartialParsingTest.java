package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine's partial parsing: a model's render is reused while its file, its configs, the macros,
 * vars and target are unchanged, and never when one of them changed; a model that reads the environment is
 * rendered every time (its SQL may hold a secret, which the cache must not keep).
 */
class PartialParsingTest {

    private static final String SECRET = "s3cr3t-value-never-stored";

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir)
                .file("macros/twice.sql", "{% macro twice(x) %}({{ x }} * 2){% endmacro %}")
                .file("models/a.sql", "select {{ twice(var('n', 1)) }} as n")
                .file("models/b.sql", "select n + 1 as n from {{ ref('a') }}")
                .file(
                        "models/c.sql",
                        "select '{{ env_var('REGION', 'none') }}' as region, length('{{ env_var('TOKEN',"
                                + " '') }}') as token_length");
    }

    private long reused() {
        return project.log().stream()
                .filter(line -> line.startsWith("Partial parsing: "))
                .map(line -> Long.parseLong(line.substring("Partial parsing: ".length(), line.indexOf(' ', 17))))
                .reduce((first, last) -> last)
                .orElse(0L);
    }

    private void run(Map<String, Object> vars, Map<String, String> environment) {
        project.log().clear();
        assertThat(project.build(vars, environment).succeeded()).isTrue();
    }

    @Test
    void anUnchangedProjectIsNotRenderedAgain() throws Exception {
        run(Map.of(), Map.of("REGION", "eu", "TOKEN", SECRET));
        assertThat(reused()).isZero();

        run(Map.of(), Map.of("REGION", "eu", "TOKEN", SECRET));

        assertThat(reused()).as("a and b; c reads the environment").isEqualTo(2);
        assertThat(project.rows("select n from test_schema.b")).containsExactly(List.of(3));
        assertThat(Files.readString(dir.resolve("target/embedded_render_cache.json")))
                .contains("(1 * 2)")
                .doesNotContain(SECRET)
                .doesNotContain("models/c.sql");
    }

    @Test
    void aChangedFileVarMacroOrEnvironmentVariableRendersAgain() throws Exception {
        run(Map.of(), Map.of("REGION", "eu"));

        project.file("models/b.sql", "select n + 10 as n from {{ ref('a') }}");
        run(Map.of(), Map.of("REGION", "eu"));
        assertThat(reused()).as("a").isEqualTo(1);
        assertThat(project.rows("select n from test_schema.b")).containsExactly(List.of(12));

        run(Map.of(), Map.of("REGION", "us"));
        assertThat(reused()).as("a and b; c read REGION").isEqualTo(2);
        assertThat(project.rows("select region from test_schema.c")).containsExactly(List.of("us"));

        run(Map.of("n", 5), Map.of("REGION", "us"));
        assertThat(reused()).as("vars change every render").isZero();
        assertThat(project.rows("select n from test_schema.b")).containsExactly(List.of(20));

        project.file("macros/twice.sql", "{% macro twice(x) %}({{ x }} * 3){% endmacro %}");
        run(Map.of("n", 5), Map.of("REGION", "us"));
        assertThat(reused()).as("macros change every render").isZero();
        assertThat(project.rows("select n from test_schema.a")).containsExactly(List.of(15));

        project.file("models/schema.yml", "version: 2\nmodels:\n  - name: a\n    config:\n      materialized: table\n");
        run(Map.of("n", 5), Map.of("REGION", "us"));
        assertThat(reused())
                .as("b; a's configs changed, c reads the environment")
                .isEqualTo(1);
        assertThat(project.relationType("a")).isEqualTo("BASE TABLE");
    }

    @Test
    void whatDependsOnMoreThanTheKeysIsRenderedEveryRun() throws Exception {
        // a naming macro reading the environment reaches a model through {{ this }}
        project.file("macros/naming.sql", """
                {% macro generate_schema_name(custom_schema_name, node) -%}
                    {{ target.schema }}_{{ env_var('STAGE', 'dev') }}
                {%- endmacro %}
                """)
                .file("models/d.sql", "select '{{ this }}' as src")
                .file("models/e.sql", "select {{ range(3) | length }} as n, '{{ today() is defined }}' as t");
        run(Map.of(), Map.of("STAGE", "dev"));
        run(Map.of(), Map.of("STAGE", "prod"));

        assertThat(reused())
                .as("a, b; c and d read the environment, e calls today()")
                .isEqualTo(2);
        assertThat(project.rows("select src from test_schema_prod.d"))
                .containsExactly(List.of("\"test_schema_prod\".\"d\""));

        project.file("macros/stamp.sql", "{% macro stamp() %}{{ invocation_id }}{% endmacro %}");
        run(Map.of(), Map.of("STAGE", "prod"));
        assertThat(reused())
                .as("a macro using a run global turns the cache off")
                .isZero();
    }

    @Test
    void aRefToADeletedModelFailsAsWithoutTheCache() throws Exception {
        run(Map.of(), Map.of());
        project.delete("models/a.sql");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/b.sql: ref('a') names no model or seed of this project");
    }

    @Test
    void anUnreadableCacheIsIgnored() throws Exception {
        run(Map.of(), Map.of());
        Files.writeString(dir.resolve("target/embedded_render_cache.json"), "{ not json");

        run(Map.of(), Map.of());

        assertThat(reused()).isZero();
        assertThat(project.rows("select n from test_schema.b")).containsExactly(List.of(3));
    }
}
