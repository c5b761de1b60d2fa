package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameter wiring of {@code ecommerce:transform}: defaults, a run over the ingested warehouse, errors, skip. */
class TransformMojoTest {

    @RegisterExtension
    final MojoHarness harness = new MojoHarness();

    /** A tiny dbt project in {@code transform/} over the warehouse's users table. */
    private void dbtProject(String minAge) {
        harness.write("transform/dbt_project.yml", "name: tiny\nprofile: tiny\n");
        harness.write("transform/profiles.yml", """
                tiny:
                  target: local
                  outputs:
                    local:
                      type: duckdb
                      path: "{{ env_var('ECOMMERCE_WAREHOUSE') }}"
                      schema: main
                """);
        harness.write("transform/models/sources.yml", """
                sources:
                  - name: thelook
                    schema: main
                    tables: [{name: users}]
                models:
                  - name: adults
                    columns:
                      - name: id
                        tests: [unique, not_null]
                      - name: age
                        tests:
                          - accepted_values: {values: [%s], quote: false}
                """.formatted(minAge));
        harness.write("transform/models/adults.sql", """
                {{ config(materialized='table') }}
                select id, case when age >= {{ var('min_age', 18) }} then 1 else 0 end as age
                from {{ source('thelook', 'users') }}
                """);
    }

    @Test
    @InjectMojo(goal = "transform")
    void bindsTheDocumentedDefaults(TransformMojo mojo) {
        assertThat(mojo)
                .extracting("engine", "target", "projectDirectory", "fullRefresh", "skipTransform")
                .containsExactly(
                        "embedded", null, harness.dir().resolve("transform").toFile(), false, false);
        assertThat(mojo)
                .extracting("profilesDirectory", "vars", "dbtExecutable")
                .containsOnlyNulls();
        assertThat(mojo).extracting("select", "exclude", "state").containsOnlyNulls();
        // the dev target's S3 client: the sink's ecommerce.s3.* settings
        assertThat(mojo)
                .extracting("s3Region", "s3Endpoint", "s3PathStyle", "s3ChecksumMode", "s3ServerId", "s3MaxAttempts")
                .containsExactly(null, null, false, "when_supported", "s3", 5);
    }

    @Test
    @InjectMojo(goal = "transform")
    @MojoParameter(name = "select", value = "tag:nightly,config.materialized:table +orders")
    @MojoParameter(name = "exclude", value = "test_name:unique")
    @MojoParameter(name = "state", value = "prod-run")
    void keepsTheSelectionAsTextSoThatACommaIntersects(TransformMojo mojo) {
        // a List parameter would split the text at its comma: one intersection would become two selectors
        assertThat(mojo)
                .extracting("select", "exclude")
                .containsExactly("tag:nightly,config.materialized:table +orders", "test_name:unique");
        assertThat(mojo).extracting("state").asString().endsWith("prod-run");
    }

    @Test
    @InjectMojo(goal = "transform")
    @MojoParameter(name = "s3Endpoint", value = "http://127.0.0.1:9000")
    @MojoParameter(name = "s3PathStyle", value = "true")
    @MojoParameter(name = "s3Region", value = "eu-west-1")
    void buildsTheS3ClientOfTheDevTargetFromTheS3Settings(TransformMojo mojo) {
        var settings = dev.ecommerce.core.config.Settings.load(harness.dir(), java.util.Map.of());
        var client = mojo.s3Client(null).toSpec(settings);

        assertThat(client.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(client.pathStyle()).isTrue();
        assertThat(client.region()).isEqualTo("eu-west-1");
        assertThat(client.maxAttempts()).isEqualTo(5);

        // With the local S3 server (-Decommerce.s3.localServer): its endpoint and keys, path style.
        var local = mojo.s3Client(new dev.ecommerce.core.s3.LocalS3Provider.Server() {
                    @Override
                    public java.net.URI endpoint() {
                        return java.net.URI.create("http://127.0.0.1:4567");
                    }

                    @Override
                    public String accessKeyId() {
                        return "local-key";
                    }

                    @Override
                    public String secretAccessKey() {
                        return "local-secret";
                    }

                    @Override
                    public void close() {}
                })
                .toSpec(settings);
        assertThat(local.endpoint()).hasToString("http://127.0.0.1:4567");
        assertThat(local.pathStyle()).isTrue();
        assertThat(local.region()).isEqualTo("eu-west-1");
        assertThat(local.credentials().accessKeyId().reveal()).isEqualTo("local-key");
        assertThat(local.credentials().secretAccessKey().reveal()).isEqualTo("local-secret");
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    @MojoParameter(name = "vars", value = "{min_age: 30}")
    void buildsTheProjectOverTheIngestedWarehouse(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "transform") TransformMojo transform)
            throws Exception {
        dbtProject("0, 1");
        ingest.execute();

        transform.execute();

        assertThat(harness.work().resolve("reports/run_results.json")).exists();
        assertThat(Files.readString(harness.dir().resolve("transform/target/compiled/tiny/models/adults.sql")))
                .contains("age >= 30", "from \"main\".\"users\"");
        assertThat(harness.log().infoLines())
                .anyMatch(line -> line.startsWith("Transform done in ") && line.contains("[1 success, 3 pass]"));
        // The report is named last, after the goal's summary.
        assertThat(harness.log().allLines())
                .last()
                .isEqualTo("Run report: " + harness.work().resolve("report.html"));
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    void aFailingTestIsABuildFailure(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "transform") TransformMojo transform)
            throws Exception {
        dbtProject("1");
        ingest.execute();

        assertThatThrownBy(transform::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("fail test accepted_values_adults_age__False__1 (models/sources.yml)")
                .hasMessageContaining("failing rows");
        // The failed build's report is named as the goal's last line, and has the failing test on top.
        Path report = harness.work().resolve("report.html");
        assertThat(harness.log().allLines()).last().isEqualTo("Run report: " + report);
        String html = Files.readString(report);
        assertThat(html.indexOf("<section id=\"failures\""))
                .isPositive()
                .isLessThan(html.indexOf("<section id=\"transform\""));
        assertThat(html).contains("test.tiny.accepted_values_adults_age__False__1.");
    }

    /** As dbt: no {@code <target>} means the profile's own {@code target:}; throw-away files go under target/. */
    @Test
    @InjectMojo(goal = "transform")
    void theProfilesOwnTargetIsTheDefaultAndItsFilesStayInTheWorkDirectory(TransformMojo mojo) throws Exception {
        harness.write("transform/dbt_project.yml", "name: tiny\nprofile: tiny\n");
        harness.write("transform/profiles.yml", """
                tiny:
                  target: scratch
                  outputs:
                    local:
                      type: duckdb
                      path: "{{ env_var('ECOMMERCE_WAREHOUSE') }}"
                    scratch:
                      type: duckdb
                      path: "{{ env_var('ECOMMERCE_WORK_DIRECTORY') }}/scratch.duckdb"
                """);
        harness.write("transform/models/one.sql", "{{ config(materialized='table') }} select 1 as id");

        mojo.execute();

        Path scratch = harness.work().resolve("scratch.duckdb");
        assertThat(scratch).isRegularFile();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + scratch);
                var rows = connection.createStatement().executeQuery("select count(*) from main.one")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
        assertThat(harness.work().resolve("warehouse.duckdb")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "transform")
    @MojoParameter(name = "engine", value = "spark")
    void anUnknownEngineNamesTheSetting(TransformMojo mojo) throws Exception {
        dbtProject("1");
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Unknown value 'spark' for <engine> (-Decommerce.transform.engine)");
    }

    @Test
    @InjectMojo(goal = "transform")
    @MojoParameter(name = "skipTransform", value = "true")
    void transformSkipDoesNothing(TransformMojo mojo) throws Exception {
        mojo.execute();

        harness.assertNothingWritten();
        assertThat(harness.log().infoLines()).containsExactly("Skipping ecommerce:transform (transform skip is set)");
    }
}
