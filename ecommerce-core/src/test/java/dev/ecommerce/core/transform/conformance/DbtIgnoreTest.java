package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.transform.NodeResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files dbt reads (dbt-core's {@code find_matching}): {@code .dbtignore}'s gitignore patterns leave files and
 * folders out, a linked file is read, a linked folder is not entered.
 */
class DbtIgnoreTest {

    @TempDir
    Path dir;

    /** Would fail the build if it were read: a ref to no model. */
    private static final String BROKEN = "select * from {{ ref('no_such_model') }}\n";

    @Test
    void dbtignoreLeavesFilesAndFoldersOutAsGitignoreDoes() throws Exception {
        DbtTestProject project = new DbtTestProject(dir)
                .file(
                        ".dbtignore",
                        "# work in progress\nmodels/wip/\n*_draft.sql\n!keep_draft.sql\ntests/\n"
                                + "!models/wip/done.sql\n")
                .file("models/base.sql", "select 1 as id\n")
                .file("models/wip/half.sql", BROKEN)
                .file("models/wip/done.sql", "select 3 as id\n") // taken back from an ignored folder, as dbt does
                .file("tests/broken.sql", BROKEN) // a whole search folder ignored
                .file("models/marts/orders_draft.sql", BROKEN)
                .file("models/marts/keep_draft.sql", "select id from {{ ref('base') }}\n")
                .file("models/marts/schema.yml", "version: 2\nmodels:\n  - name: keep_draft\n");

        assertThat(statuses(project.build()))
                .containsOnlyKeys("model.test.base", "model.test.keep_draft", "model.test.done")
                .containsValues(Status.SUCCESS);
        assertThat(project.read("target/manifest.json")).doesNotContain("orders_draft", "half");

        // the ignore file is one of the project's files: changing it is seen by the next run's partial parse
        project.file(".dbtignore", "models/wip/\n*_draft.sql\ntests/\n");
        assertThat(statuses(project.build())).containsOnlyKeys("model.test.base");
        project.file(".dbtignore", "models/wip/\ntests/\n").file("models/marts/orders_draft.sql", "select 2 as id\n");
        assertThat(statuses(project.build()))
                .containsOnlyKeys("model.test.base", "model.test.keep_draft", "model.test.orders_draft");
    }

    @Test
    void aSearchFolderThatIsALinkIsRead() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared/models"));
        Files.writeString(shared.resolve("base.sql"), "select 1 as id\n");
        DbtTestProject project = new DbtTestProject(dir.resolve("project"));
        Files.createSymbolicLink(project.dir.resolve("models"), shared);

        assertThat(statuses(project.build()))
                .containsOnlyKeys("model.test.base")
                .containsValues(Status.SUCCESS);
    }

    @Test
    void aLinkedFileIsReadALinkedFolderIsNotEntered() throws Exception {
        DbtTestProject project = new DbtTestProject(dir.resolve("project")).file("models/base.sql", "select 1 as id\n");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("linked.sql"), "select id from {{ ref('base') }}\n");
        Files.createDirectories(shared.resolve("folder"));
        Files.writeString(shared.resolve("folder/inside.sql"), BROKEN);
        Files.createSymbolicLink(project.dir.resolve("models/linked.sql"), shared.resolve("linked.sql"));
        Files.createSymbolicLink(project.dir.resolve("models/folder"), shared.resolve("folder"));

        assertThat(statuses(project.build()))
                .containsOnlyKeys("model.test.base", "model.test.linked")
                .containsValues(Status.SUCCESS);
        assertThat(project.rows("select id from test_schema.linked")).containsExactly(java.util.List.of(1));
    }
}
