package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kept parse ({@code embedded_partial_parse.bin}) depends on beyond the project's paths: a local package
 * inside the project, vars by type.
 */
class KeptParseInputsTest {

    private static final String USED = "Partial parsing: nothing changed since the last run";

    @TempDir
    Path dir;

    private DbtTestProject project;

    @BeforeEach
    void writeProject() {
        project = new DbtTestProject(dir).file("models/a.sql", "select 1 as n");
    }

    private TransformResult run(Map<String, Object> vars) {
        project.log().clear();
        TransformResult result = project.build(vars, Map.of());
        assertThat(result.succeeded()).as(String.join("\n", project.log())).isTrue();
        return result;
    }

    private boolean used() {
        return project.log().stream().anyMatch(line -> line.startsWith(USED));
    }

    /** A local package inside the project but outside dbt_packages/ ({@code local: libs/util}) is stamped too. */
    @Test
    void aLocalPackageInsideTheProjectIsStamped() throws Exception {
        project.file("packages.yml", "packages:\n  - local: libs/util\n")
                .file("libs/util/dbt_project.yml", "name: util\nconfig-version: 2\n")
                .file("libs/util/models/u.sql", "select 1 as n");
        run(Map.of());
        run(Map.of());
        assertThat(used()).isTrue();

        project.file("libs/util/models/u.sql", "select 2 as n");
        run(Map.of());

        assertThat(project.rows("select cast(n as integer) from test_schema.u")).containsExactly(java.util.List.of(2));
        assertThat(used())
                .as("a package model edited: the kept parse must not be used")
                .isFalse();
    }

    /**
     * A project with folders of its own ({@code model-paths}) is stamped there, not in the default folders (which a
     * cold run stamps while it reads dbt_project.yml, when that names none).
     */
    @Test
    void aProjectsOwnModelFolderIsStamped() throws Exception {
        project.project("model-paths: [\"src\"]").file("src/b.sql", "select 1 as n");
        run(Map.of());
        run(Map.of());
        assertThat(used()).isTrue();

        project.file("src/b.sql", "select 2 as n");
        run(Map.of());

        assertThat(project.rows("select cast(n as integer) from test_schema.b")).containsExactly(java.util.List.of(2));
        assertThat(used())
                .as("a model in the project's own folder edited: the kept parse must not be used")
                .isFalse();
    }

    /** {@code 1} (a number) and {@code "1"} (a string) differ in the key: Jinja renders them differently. */
    @Test
    void varsOfAnotherTypeParseAgain() throws Exception {
        project.file("models/a.sql", "select {% if var('flag') is number %}0{% else %}1{% endif %} as n");
        run(Map.of("flag", 1));
        assertThat(project.rows("select cast(n as integer) from test_schema.a")).containsExactly(java.util.List.of(0));

        run(Map.of("flag", "1"));

        assertThat(project.rows("select cast(n as integer) from test_schema.a")).containsExactly(java.util.List.of(1));
        assertThat(used())
                .as("vars changed type: the kept parse must not be used")
                .isFalse();
    }

    /** What {@link #varsOfAnotherTypeParseAgain} expects, parsed without a kept parse. */
    @Test
    void aStringVarParsedColdRendersOne() throws Exception {
        project.file("models/a.sql", "select {% if var('flag') is number %}0{% else %}1{% endif %} as n");
        run(Map.of("flag", "1"));
        assertThat(project.rows("select cast(n as integer) from test_schema.a")).containsExactly(java.util.List.of(1));
    }
}
