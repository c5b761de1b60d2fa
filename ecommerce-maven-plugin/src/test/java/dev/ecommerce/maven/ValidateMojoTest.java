package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameter wiring of {@code ecommerce:validate}'s table checks: a failed check fails the build, naming the setting. */
class ValidateMojoTest {

    @RegisterExtension
    final MojoHarness harness = new MojoHarness();

    /** Ingests, then gives a second row the key of user 5 (a row no contract rejects). */
    private void ingestWithDuplicateUser(IngestMojo ingest) throws Exception {
        ingest.execute();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
                        + harness.work().resolve("warehouse.duckdb").toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users SELECT * FROM users WHERE id = 5");
        }
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    void aDuplicateKeyFailsTheBuildNamingTheTableTheCheckAndTheSettingAfterTheReports(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "validate") ValidateMojo validate)
            throws Exception {
        ingestWithDuplicateUser(ingest);

        assertThatThrownBy(validate::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Table checks failed:")
                .hasMessageContaining("primaryKey users (id): 2 rows share 1 keys, e.g. 5 (2 rows).")
                .hasMessageContaining("<tableChecks>primaryKeys: severity=warn</tableChecks>"
                        + " (-Decommerce.checks=primaryKeys: severity=warn)");
        assertThat(harness.log().infoLines()).contains("Table checks:");
        assertThat(Files.readString(harness.work().resolve("reports/validation.json")))
                .contains("\"check\" : \"primaryKey\"")
                .contains("\"status\" : \"fail\"");
        assertThat(Files.readString(harness.work().resolve("reports/junit/TEST-ecommerce-contracts.xml")))
                .contains("<testcase classname=\"table-checks.users\" name=\"primaryKey id\"><failure");
        assertThat(Files.readString(harness.work().resolve("report.html"))).contains("users \u00b7 primaryKey id");
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "users")
    @MojoParameter(name = "tableChecks", value = "primaryKeys: severity=warn")
    void aCheckSetToWarnOnlyWarns(
            @InjectMojo(goal = "ingest") IngestMojo ingest, @InjectMojo(goal = "validate") ValidateMojo validate)
            throws Exception {
        ingestWithDuplicateUser(ingest);

        validate.execute();

        assertThat(harness.log().infoLines())
                .anyMatch(l -> l.startsWith("Validated 1 tables, 4 table checks (1 warn) in "));
        assertThat(Files.readString(harness.work().resolve("reports/validation.json")))
                .contains("\"status\" : \"warn\"")
                .doesNotContain("\"status\" : \"fail\"");
    }

    @Test
    @MojoParameter(name = "tableChecks", value = "keys: severity=fail")
    void anUnknownCheckIsAFailureNamingTheParameter(@InjectMojo(goal = "validate") ValidateMojo validate) {
        assertThatThrownBy(validate::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<tableChecks> (-Decommerce.checks): unknown check 'keys'");
    }
}
