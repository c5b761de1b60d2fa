package dev.ecommerce.core.transform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code manifest.json} is written while the nodes run, with their planned SQL, and again when a node ran other
 * SQL: the manifest always holds what ran (an incremental model's second run takes its {@code is_incremental()}
 * branch).
 */
class ManifestCompiledCodeTest {

    @TempDir
    Path dir;

    @Test
    void theManifestHoldsTheSqlEachNodeRan() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file("models/plain.sql", "select 1 as id")
                .file("models/growing.sql", """
                        {{ config(materialized='incremental') }}
                        select 1 as id
                        {% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}
                        """);

        assertThat(project.build().succeeded()).isTrue();
        assertThat(compiled("model.test.growing")).doesNotContain("where id >");
        assertThat(compiled("model.test.plain")).isEqualTo("select 1 as id");

        assertThat(project.build().succeeded()).isTrue();
        assertThat(compiled("model.test.growing")).contains("where id > (select max(id) from");
        assertThat(compiled("model.test.plain")).isEqualTo("select 1 as id");
    }

    private String compiled(String id) throws Exception {
        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        return manifest.path("nodes").path(id).path("compiled_code").asText().strip();
    }
}
