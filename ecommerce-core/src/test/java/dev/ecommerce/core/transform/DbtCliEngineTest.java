package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.run.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dbt CLI engine through a stand-in {@code dbt} that records its arguments and environment. */
class DbtCliEngineTest {

    private static final String PASSING = """
            {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json"},
             "results": [
               {"unique_id": "model.shop.stg_orders", "status": "success", "execution_time": 0.5,
                "failures": null, "message": "OK", "adapter_response": {"rows_affected": 4}},
               {"unique_id": "test.shop.unique_stg_orders_order_id", "status": "pass", "execution_time": 0.1,
                "failures": 0, "message": null, "adapter_response": {}}],
             "elapsed_time": 0.7}
            """;
    private static final String FAILING = """
            {"results": [
               {"unique_id": "model.shop.stg_orders", "status": "success", "execution_time": 0.5, "failures": null},
               {"unique_id": "test.shop.unique_stg_orders_order_id", "status": "fail", "execution_time": 0.1,
                "failures": 3, "message": "Got 3 results, configured to fail if != 0"},
               {"unique_id": "model.shop.fct_orders", "status": "skipped", "execution_time": 0, "failures": null}]}
            """;
    private static final String MANIFEST = """
            {"nodes": {"test.shop.unique_stg_orders_order_id": {"original_file_path": "models/schema.yml"}}}
            """;

    @TempDir
    Path dir;

    private Path project;
    private Path dbt;

    @BeforeEach
    void project() throws Exception {
        project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("dbt_project.yml"), "name: shop\nprofile: shop\n");
    }

    private void standIn(int exit, String runResults) throws Exception {
        Files.writeString(dir.resolve("results.json"), runResults == null ? "" : runResults);
        Files.writeString(dir.resolve("manifest.json"), MANIFEST);
        dbt = dir.resolve("bin/dbt");
        Files.createDirectories(dbt.getParent());
        Files.writeString(dbt, """
                #!/bin/sh
                for arg in "$@"; do echo "$arg"; done > "%1$s/args.txt"
                pwd > "%1$s/pwd.txt"
                env > "%1$s/env.txt"
                echo "Running with dbt=1.9.0 (stand-in)"
                echo "Done. PASS=1 WARN=0 ERROR=0"
                mkdir -p target
                %2$s
                exit %3$d
                """.formatted(
                        dir,
                        runResults == null
                                ? ""
                                : "cp \"" + dir + "/results.json\" target/run_results.json; cp \"" + dir
                                        + "/manifest.json\" target/manifest.json",
                        exit));
        Files.setPosixFilePermissions(dbt, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private TransformSpec spec(Path executable, Map<String, String> environment) {
        return new TransformSpec(
                dir.resolve("work"),
                project,
                project,
                "prod",
                Map.of("start_date", "2024-01-01"),
                List.of("+fct_orders tag:marts,config.materialized:table"),
                TransformEngineKind.DBT,
                executable,
                true,
                environment,
                null,
                null,
                List.of("tag:slow"),
                dir.resolve("state"));
    }

    @Test
    void runsOneDbtBuildWithExplicitArgumentsFolderAndEnvironment() throws Exception {
        standIn(0, PASSING);
        List<String> log = new ArrayList<>();

        TransformResult result = Pipeline.transform(
                spec(dbt, Map.of("PATH", "/usr/bin:/bin", "MOTHERDUCK_TOKEN", "md-secret-token")),
                event -> log.add(event.toString()));

        assertThat(Files.readAllLines(dir.resolve("args.txt")))
                .containsExactly(
                        "build",
                        "--project-dir",
                        project.toString(),
                        "--profiles-dir",
                        project.toString(),
                        "--target",
                        "prod",
                        "--vars",
                        "{\"start_date\":\"2024-01-01\"}",
                        "--select",
                        "+fct_orders",
                        "tag:marts,config.materialized:table", // a comma intersects: one argument, as dbt's
                        "--exclude",
                        "tag:slow",
                        "--state",
                        dir.resolve("state").toString(),
                        "--full-refresh");
        assertThat(Files.readString(dir.resolve("pwd.txt")).strip())
                .isEqualTo(project.toRealPath().toString());
        List<String> env = Files.readAllLines(dir.resolve("env.txt"));
        assertThat(env).contains("MOTHERDUCK_TOKEN=md-secret-token", "PATH=/usr/bin:/bin");
        assertThat(env).noneMatch(line -> line.startsWith("HOME=")); // nothing inherited
        assertThat(Files.readString(dir.resolve("args.txt"))).doesNotContain("md-secret-token");
        assertThat(log).anyMatch(line -> line.contains("Done. PASS=1 WARN=0 ERROR=0"));
        assertThat(result.engine()).isEqualTo(TransformEngineKind.DBT);
        assertThat(result.nodes())
                .extracting(NodeResult::uniqueId, NodeResult::status, NodeResult::rowsAffected)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("model.shop.stg_orders", NodeResult.Status.SUCCESS, 4L),
                        org.assertj.core.groups.Tuple.tuple(
                                "test.shop.unique_stg_orders_order_id", NodeResult.Status.PASS, -1L));
        assertThat(dir.resolve("work/reports/run_results.json")).exists();
    }

    @Test
    void aFailingTestFailsNamingTestFileRowsAndSkipped() throws Exception {
        standIn(1, FAILING);

        assertThatThrownBy(() -> Pipeline.transform(spec(dbt, Map.of("PATH", "/usr/bin:/bin")), event -> {}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fail test unique_stg_orders_order_id (models/schema.yml): 3 failing rows")
                .hasMessageContaining("Skipped because of them: fct_orders");
    }

    @Test
    void aDbtErrorBeforeAnyNodeIsAConfigurationErrorWithTheExitCode() throws Exception {
        standIn(2, null);

        assertThatThrownBy(() -> Pipeline.transform(spec(dbt, Map.of("PATH", "/usr/bin:/bin")), event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("failed with exit code 2 before running any node");
    }

    @Test
    void findsDbtOnThePathOrSaysItIsMissing() throws Exception {
        standIn(0, PASSING);

        TransformResult result = Pipeline.transform(
                spec(null, Map.of("PATH", "/nowhere:" + dbt.getParent() + ":/usr/bin:/bin")), event -> {});
        assertThat(result.nodes()).hasSize(2);

        assertThatThrownBy(() -> Pipeline.transform(spec(null, Map.of("PATH", "/nowhere")), event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("there is no dbt on the PATH")
                .hasMessageContaining(Setting.TRANSFORM_DBT_EXECUTABLE.ref());
        assertThatThrownBy(() -> Pipeline.transform(spec(dir.resolve("no-dbt"), Map.of()), event -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not exist or cannot be run");
    }
}
