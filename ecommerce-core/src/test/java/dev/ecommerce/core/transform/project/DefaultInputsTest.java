package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DbtProject#defaultInputs}: told from dbt_project.yml's text, before its YAML is read, they must be what
 * reading it gives, else a cold run stamps the wrong folders first (and stamps again).
 */
class DefaultInputsTest {

    @TempDir
    Path dir;

    @Test
    void aProjectWithoutFolderKeysHasTheInputsItsHeaderReads() throws Exception {
        String yml =
                "name: shop\nprofile: shop\nconfig-version: 2\nvars:\n  factor: 3\nmodels:\n  shop:\n    +tags: [x]\n";
        Files.writeString(dir.resolve("dbt_project.yml"), yml);

        assertThat(DbtProject.defaultInputs(yml))
                .isEqualTo(DbtProject.header(dir).inputs())
                .contains("models", "seeds", "snapshots", "macros", "tests", "dbt_packages", "dbt_project.yml");
        assertThat(DbtProject.header(dir).targetPath()).isEqualTo("target");
    }

    @Test
    void aProjectNamingAFolderKeyIsNotGuessed() {
        for (String key : new String[] {
            "model-paths",
            "seed-paths",
            "snapshot-paths",
            "macro-paths",
            "test-paths",
            "packages-install-path",
            "target-path"
        }) {
            assertThat(DbtProject.defaultInputs("name: shop\n" + key + ": [\"x\"]\n"))
                    .as(key)
                    .isNull();
        }
    }
}
