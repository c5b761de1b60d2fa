package dev.ecommerce.core.transform.conformance;

import static dev.ecommerce.core.transform.conformance.DbtTestProject.statusesByName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.transform.NodeResult.Status;
import dev.ecommerce.core.transform.TransformResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt packages: a package {@code dbt deps} installed in {@code dbt_packages/} or a {@code local:} one is part of
 * the build (models, seeds, generic and singular tests, with the package's configs and vars under the root
 * project's), its macros in its namespace and the global one, {@code adapter.dispatch} finding the root
 * project's implementations first; an entry that is not installed fails naming it. The package is our own
 * ({@code src/test/resources/dbt-packages/our_utils}).
 */
class PackagesTest {

    private static final String REPORT = """
            select d.id, d.dollars, {{ cents_to_dollars('p.cents') }} as again, d.level, d.kept
            from {{ ref('our_utils', 'our_dollars') }} d join {{ ref('our_prices') }} p using (id)
            """;

    @TempDir
    Path dir;

    private DbtTestProject installed() {
        return new DbtTestProject(dir)
                .copyPackage("our_utils", "dbt_packages/our_utils")
                .file("models/report.sql", REPORT);
    }

    @Test
    void anInstalledPackagesNodesAreBuiltWithItsMacrosDispatchedToDuckDb() throws Exception {
        DbtTestProject project = installed();

        TransformResult result = project.build();

        assertThat(statusesByName(result))
                .containsEntry("seed.our_utils.our_prices", Status.SUCCESS)
                .containsEntry("model.our_utils.our_dollars", Status.SUCCESS)
                .containsEntry("model.test.report", Status.SUCCESS)
                .containsEntry("test.our_utils.unique_our_dollars_id", Status.PASS)
                .containsEntry("test.our_utils.is_positive_our_dollars_dollars", Status.PASS)
                .containsEntry("test.our_utils.assert_two_prices", Status.PASS)
                .hasSize(6);
        assertThat(project.rows("select id, dollars, again, level, kept from test_schema.report order by id"))
                .containsExactly(List.of(1L, 1.5, 1.5, "package", "kept"), List.of(2L, 2.75, 2.75, "package", "kept"));
        assertThat(project.relationType("our_dollars")).isEqualTo("BASE TABLE"); // the package's +materialized
        assertThat(project.read("target/compiled/our_utils/models/our_dollars.sql"))
                .contains("round(cents / 100.0, 2) as dollars") // duckdb__, through our_utils.cents_to_dollars
                .contains("\"test_schema\".\"our_prices\"");
        assertThat(project.read("target/compiled/test/models/report.sql"))
                .contains("round(p.cents / 100.0, 2) as again")
                .contains("from \"test_schema\".\"our_dollars\" d join \"test_schema\".\"our_prices\" p")
                .doesNotContain("{{");
    }

    @Test
    void theManifestShowsPackageNodesUnderTheirPackage() throws Exception {
        DbtTestProject project = installed();

        project.build();

        JsonNode manifest =
                new ObjectMapper().readTree(dir.resolve("target/manifest.json").toFile());
        JsonNode model = manifest.path("nodes").path("model.our_utils.our_dollars");
        assertThat(model.path("package_name").asText()).isEqualTo("our_utils");
        assertThat(model.path("original_file_path").asText()).isEqualTo("models/our_dollars.sql");
        assertThat(model.path("path").asText()).isEqualTo("our_dollars.sql");
        assertThat(model.path("fqn").toString()).isEqualTo("[\"our_utils\",\"our_dollars\"]");
        assertThat(model.path("config").path("tags").toString()).isEqualTo("[\"from_our_utils\"]");
        assertThat(model.path("depends_on").path("nodes").toString()).isEqualTo("[\"seed.our_utils.our_prices\"]");
        assertThat(manifest.path("nodes")
                        .path("seed.our_utils.our_prices")
                        .path("package_name")
                        .asText())
                .isEqualTo("our_utils");
        JsonNode report = manifest.path("nodes").path("model.test.report");
        assertThat(report.path("package_name").asText()).isEqualTo("test");
        assertThat(report.path("depends_on").path("nodes").toString())
                .isEqualTo("[\"model.our_utils.our_dollars\",\"seed.our_utils.our_prices\"]");
        assertThat(manifest.path("metadata").path("project_name").asText()).isEqualTo("test");
    }

    /** The project with our_utils under vendor/, named by packages.yml's {@code local:}. */
    private DbtTestProject vendored() {
        return new DbtTestProject(dir)
                .copyPackage("our_utils", "vendor/our_utils")
                .file("packages.yml", """
                        packages:
                          - local: vendor/our_utils
                        """)
                .file("models/report.sql", REPORT);
    }

    @Test
    void aLocalPackageOfPackagesYmlIsLoadedWhereItIs() throws Exception {
        DbtTestProject project = vendored();

        TransformResult result = project.build();

        assertThat(statusesByName(result))
                .containsEntry("model.our_utils.our_dollars", Status.SUCCESS)
                .containsEntry("model.test.report", Status.SUCCESS)
                .containsEntry("test.our_utils.assert_two_prices", Status.PASS);
        assertThat(project.rowCount("report")).isEqualTo(2);
        assertThat(project.read("target/compiled/our_utils/models/our_dollars.sql"))
                .contains("round(");
    }

    @Test
    void aLocalPackageThatDbtDepsLinkedIntoDbtPackagesIsLoadedOnce() throws Exception {
        DbtTestProject project = vendored();
        java.nio.file.Files.createDirectories(dir.resolve("dbt_packages"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("dbt_packages/our_utils"), dir.resolve("vendor/our_utils"));

        TransformResult result = project.build();

        assertThat(statusesByName(result))
                .containsEntry("model.our_utils.our_dollars", Status.SUCCESS)
                .containsEntry("model.test.report", Status.SUCCESS)
                .hasSize(6);
    }

    @Test
    void aPackageSeesItsVarsUnderTheRootProjectsAndTheRunsOnTop() throws Exception {
        DbtTestProject project = installed();
        project.build();
        assertThat(levelAndKept(project)).containsExactly("package", "kept");

        project.project("""
                vars:
                  our_level: root
                """);
        project.build();
        assertThat(levelAndKept(project)).containsExactly("root", "kept");

        project.project("""
                  our_utils:
                    our_level: root_for_our_utils
                """);
        project.build();
        assertThat(levelAndKept(project)).containsExactly("root_for_our_utils", "kept");

        project.build(Map.of("our_level", "run"), Map.of());
        assertThat(levelAndKept(project)).containsExactly("run", "kept");
    }

    /** The vars the package's model saw: {@code our_level} and {@code our_only_in_package}. */
    private static List<Object> levelAndKept(DbtTestProject project) throws Exception {
        return project.rows("select level, kept from test_schema.our_dollars limit 1")
                .get(0);
    }

    @Test
    void theRootProjectsConfigsForAPackageGoOverThePackagesOwn() throws Exception {
        DbtTestProject project = installed().project("""
                models:
                  our_utils:
                    +materialized: view
                    +schema: utils
                """);

        project.build();

        assertThat(project.relationType("test_schema_utils.our_dollars")).isEqualTo("VIEW");
        assertThat(project.rowCount("report")).isEqualTo(2);
    }

    @Test
    void aPackagesNamingMacrosNameOnlyItsOwnNodes() throws Exception {
        DbtTestProject project = installed()
                .file("dbt_packages/our_utils/macros/naming.sql", """
                        {% macro generate_schema_name(custom_schema_name, node) -%}
                            {{ target.schema }}_from_{{ node.package_name }}
                        {%- endmacro %}
                        """)
                .file("models/plain.sql", "select 1 as one");

        project.build();

        assertThat(project.rowCount("test_schema_from_our_utils.our_dollars")).isEqualTo(2);
        assertThat(project.rowCount("test_schema_from_our_utils.our_prices")).isEqualTo(2);
        assertThat(project.relationType("test_schema.plain")).isEqualTo("VIEW"); // dbt's macro for the project's
        assertThat(project.relationType("test_schema_from_our_utils.plain")).isNull();
    }

    @Test
    void dispatchFindsTheRootProjectsImplementationsFirstUnlessTheSearchOrderSaysOtherwise() throws Exception {
        DbtTestProject project = installed().file("macros/overrides.sql", """
                {% macro default__cents_to_dollars(column) -%}
                  ({{ column }} * 0 - 1)
                {%- endmacro %}
                """);

        project.build("report");
        // dbt searches the root project, then the package; in each, duckdb__ then default__
        assertThat(project.read("target/compiled/test/models/report.sql")).contains("(p.cents * 0 - 1) as again");

        project.project("""
                dispatch:
                  - macro_namespace: our_utils
                    search_order: ['our_utils', 'test']
                """);
        project.build("report");
        assertThat(project.read("target/compiled/test/models/report.sql"))
                .contains("round(p.cents / 100.0, 2) as again");

        // the brief's case: the root project first in the search order, its duckdb__ over the package's
        project.file("macros/overrides.sql", """
                {% macro duckdb__cents_to_dollars(column) -%}
                  ({{ column }} * 0 - 2)
                {%- endmacro %}
                """);
        project.file("dbt_project.yml", """
                name: test
                profile: test
                config-version: 2
                dispatch:
                  - macro_namespace: our_utils
                    search_order: ['test', 'our_utils']
                """);
        project.build("report");
        assertThat(project.read("target/compiled/test/models/report.sql")).contains("(p.cents * 0 - 2) as again");
    }

    @Test
    void aPackagesGenericTestRunsByItsNamespacedName() throws Exception {
        DbtTestProject project =
                installed().file("models/negatives.sql", "select -1 as amount").file("models/report.yml", """
                        version: 2
                        models:
                          - name: report
                            columns:
                              - name: again
                                data_tests:
                                  - our_utils.is_positive
                          - name: negatives
                            columns:
                              - name: amount
                                data_tests:
                                  - our_utils.is_positive
                        """);

        TransformResult result = project.build();

        assertThat(statusesByName(result))
                .containsEntry("test.test.our_utils_is_positive_report_again", Status.PASS)
                .containsEntry("test.test.our_utils_is_positive_negatives_amount", Status.FAIL);
        assertThat(project.read("target/compiled/test/models/report.yml/our_utils_is_positive_report_again.sql"))
                .contains("where again <= 0");
        JsonNode nodes = new ObjectMapper()
                .readTree(dir.resolve("target/manifest.json").toFile())
                .path("nodes");
        JsonNode test = null;
        for (JsonNode node : nodes) {
            if (node.path("name").asText().equals("our_utils_is_positive_report_again")) {
                test = node;
            }
        }
        assertThat(test).isNotNull();
        assertThat(test.path("test_metadata").path("name").asText()).isEqualTo("is_positive");
        assertThat(test.path("test_metadata").path("namespace").asText()).isEqualTo("our_utils");
        assertThat(test.path("package_name").asText()).isEqualTo("test");
    }

    @Test
    void aPackageIsSelectedByItsNameAndItsNodesByTheirFqn() {
        DbtTestProject project = installed();

        assertThat(statusesByName(project.build("package:our_utils")).keySet())
                .containsExactlyInAnyOrder(
                        "seed.our_utils.our_prices",
                        "model.our_utils.our_dollars",
                        "test.our_utils.unique_our_dollars_id",
                        "test.our_utils.is_positive_our_dollars_dollars",
                        "test.our_utils.assert_two_prices");
        // dbt build also runs the tests of what it selects
        assertThat(statusesByName(project.build("our_utils.our_dollars")).keySet())
                .containsExactlyInAnyOrder(
                        "model.our_utils.our_dollars",
                        "test.our_utils.unique_our_dollars_id",
                        "test.our_utils.is_positive_our_dollars_dollars",
                        "test.our_utils.assert_two_prices");
    }

    @Test
    void packagesInstalledElsewhereAreFoundThroughPackagesInstallPath() {
        DbtTestProject project = new DbtTestProject(dir)
                .project("packages-install-path: vendored")
                .copyPackage("our_utils", "vendored/our_utils")
                .file("packages.yml", """
                        packages:
                          - package: example/our_utils
                            version: 1.0.0
                        """)
                .file("models/report.sql", REPORT);

        assertThat(statusesByName(project.build())).containsEntry("model.test.report", Status.SUCCESS);

        project.file("packages.yml", """
                packages:
                  - package: example/other_utils
                """);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not installed in vendored/: run dbt deps")
                .hasMessageContaining("at vendored/other_utils");
    }

    @Test
    void aModelNamedAsAPackagesModelIsRefused() {
        DbtTestProject project = installed().file("models/our_dollars.sql", "select 1 as id");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Two nodes are named our_dollars: models/our_dollars.sql and"
                        + " dbt_packages/our_utils/models/our_dollars.sql");
    }

    @Test
    void anErrorInAPackagesFilesNamesThePackage() {
        DbtTestProject project = installed().file("dbt_packages/our_utils/models/schema.yml", """
                version: 2
                models:
                  - name: our_dollars
                    colums: []
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("In the package dbt_packages/our_utils/: models/schema.yml")
                .hasMessageContaining("colums");
    }

    @Test
    void dbtMeshProjectsAreRefused() {
        DbtTestProject project = new DbtTestProject(dir).file("dependencies.yml", """
                projects:
                  - name: upstream
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dependencies.yml: projects: (dbt Mesh's cross-project refs) is not supported");
    }

    @Test
    void aRefToTheWrongPackageFailsNamingIt() {
        DbtTestProject project =
                installed().file("models/report.sql", "select * from {{ ref('test', 'our_dollars') }}");

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models/report.sql")
                .hasMessageContaining("our_dollars is a node of our_utils, not of test");
    }

    @Test
    void aHubPackageThatIsNotInstalledFailsSayingToRunDbtDeps() {
        DbtTestProject project = new DbtTestProject(dir).file("packages.yml", """
                packages:
                  - package: dbt-labs/dbt_utils
                    version: [">=1.0.0", "<2.0.0"]
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("packages.yml: the package 'dbt-labs/dbt_utils' is not installed in"
                        + " dbt_packages/: run dbt deps")
                .hasMessageContaining("dbt_packages/dbt_utils");
    }

    @Test
    void aGitPackageIsFoundUnderItsProjectsName() throws Exception {
        DbtTestProject project = installed().file("dependencies.yml", """
                        packages:
                          - git: "https://github.com/example/our-utils.git"
                            revision: 1.0.0
                        """);

        assertThat(statusesByName(project.build())).containsEntry("model.our_utils.our_dollars", Status.SUCCESS);

        project.file("dependencies.yml", """
                packages:
                  - git: "https://github.com/example/other-package.git"
                """);
        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dependencies.yml: the package 'https://github.com/example/other-package.git'"
                        + " is not installed in dbt_packages/: run dbt deps");
    }

    @Test
    void aLocalPackageThatDoesNotExistFailsNamingIt() {
        DbtTestProject project = new DbtTestProject(dir).file("packages.yml", """
                packages:
                  - local: ../nowhere/our_utils
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("packages.yml: the local package '../nowhere/our_utils'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aPackagesOwnPackagesMustBeInstalledToo() {
        DbtTestProject project = installed().file("dbt_packages/our_utils/packages.yml", """
                packages:
                  - package: example/nested_utils
                """);

        assertThatThrownBy(project::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dbt_packages/our_utils/packages.yml: the package 'example/nested_utils' is"
                        + " not installed in dbt_packages/");

        project.file("dbt_packages/nested_utils/dbt_project.yml", "name: nested_utils\nconfig-version: 2\n")
                .file("dbt_packages/nested_utils/models/nested.sql", "select 1 as one");
        assertThat(statusesByName(project.build()))
                .containsEntry("model.nested_utils.nested", Status.SUCCESS)
                .containsEntry("model.our_utils.our_dollars", Status.SUCCESS);
    }

    @Test
    void aChangedPackageMacroIsRenderedAgain() throws Exception {
        DbtTestProject project = installed();
        project.build();
        assertThat(project.read("target/compiled/test/models/report.sql")).contains("round(p.cents / 100.0, 2)");

        project.file(
                "dbt_packages/our_utils/macros/cents_to_dollars.sql",
                project.read("dbt_packages/our_utils/macros/cents_to_dollars.sql")
                        .replace("round({{ column }} / 100.0, 2)", "round({{ column }} / 100.0, 1)"));
        project.build();

        assertThat(project.read("target/compiled/test/models/report.sql")).contains("round(p.cents / 100.0, 1)");
    }
}
