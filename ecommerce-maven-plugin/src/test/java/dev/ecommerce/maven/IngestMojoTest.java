package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.run.RunManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameter wiring of {@code ecommerce:ingest}: defaults, one tiny real run, skip and the two user errors. */
class IngestMojoTest {

    @RegisterExtension
    final MojoHarness harness = new MojoHarness();

    @Test
    @InjectMojo(goal = "ingest")
    void bindsTheDocumentedDefaults(IngestMojo mojo) {
        assertThat(mojo)
                .extracting("scale", "seed", "anchorDate", "threads", "source", "skip", "skipIngest")
                .containsExactly(0.1, 42L, "2026-01-01", 0, "generated", false, false);
        assertThat(mojo)
                .extracting("workDirectory", "warehouse", "basedir")
                .containsExactly(harness.work().toFile(), null, harness.dir().toFile());
        assertThat(mojo.layout().warehouse()).isEqualTo(harness.work().resolve("warehouse.duckdb"));
        // Unset: the core falls back to TABLE_NAMES, then to all seven tables.
        assertThat(mojo)
                .extracting("tables")
                .satisfies(tables -> assertThat((List<?>) tables).isNullOrEmpty());
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "threads", value = "2")
    void loadsTheWarehouseAndWritesTheManifestWithRealCounts(IngestMojo mojo) throws Exception {
        mojo.execute();

        Path work = harness.work();
        assertThat(work.resolve("warehouse.duckdb")).isRegularFile();
        RunManifest manifest = RunManifest.read(work).orElseThrow();
        Map<String, Long> rows = manifest.ingest().tables().stream()
                .collect(Collectors.toMap(RunManifest.TableEntry::table, RunManifest.TableEntry::rows));
        assertThat(rows)
                .containsOnlyKeys(
                        "distribution_centers",
                        "products",
                        "users",
                        "orders",
                        "order_items",
                        "inventory_items",
                        "events")
                .containsEntry("users", 100L) // 100,000 x 0.001
                .containsEntry("distribution_centers", 10L);
        assertThat(rows.get("orders")).isPositive();
        assertThat(manifest.ingest().source())
                .containsEntry("scale", 0.001)
                .containsEntry("seed", 42)
                .containsEntry("anchorDate", "2026-01-01");
        assertThat(manifest.ingest().warehouse()).isEqualTo("warehouse.duckdb");
        assertThat(manifest.sink()).isNull();
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothing(IngestMojo mojo) throws Exception {
        mojo.execute();

        harness.assertNothingWritten();
        assertThat(harness.log().infoLines()).containsExactly("Skipping ecommerce:ingest (ecommerce.skip is set)");
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "tables", value = "orders,ordrs")
    void unknownTableIsAFailureListingTheValidNames(IngestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Unknown table [ordrs]")
                .hasMessageContaining("-Decommerce.tables")
                .hasMessageContaining("Valid tables: distribution_centers, products, users, orders, order_items,"
                        + " inventory_items, events");
        harness.assertNothingWritten();
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "anchorDate", value = "2026-13-01")
    void malformedAnchorDateIsAFailureNamingTheParameter(IngestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'2026-13-01'")
                .hasMessageContaining("<anchorDate> (-Decommerce.anchorDate)")
                .hasMessageContaining("YYYY-MM-DD");
        harness.assertNothingWritten();
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "source", value = "bigquery")
    @MojoParameter(name = "gcpProject", value = "my-project-123")
    @MojoParameter(name = "filters", value = "orders: status = 'x'; DROP TABLE users")
    void bigQuerySettingsAreCheckedBeforeAnyCall(IngestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<filters> (-Decommerce.filters) entries are 'table: predicate'");
        harness.assertNothingWritten();
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "source", value = "bigquery")
    @MojoParameter(name = "localServer", value = "true")
    void theLocalServerNeedsTheTestkitOnThePluginsClasspath(IngestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("add dev.ecommerce:ecommerce-testkit to the plugin's <dependencies>");
        harness.assertNothingWritten();
    }

    @Test
    @InjectMojo(goal = "ingest")
    void bindsTheDuckDbDefaults(IngestMojo mojo) {
        assertThat(mojo)
                .extracting("duckdbMemoryLimit", "duckdbThreads", "duckdbTempDirectory")
                .containsExactly("1GB", null, null);
        assertThat(mojo.duckDb())
                .isEqualTo(new DuckDbSettings("1GB", null, harness.work().resolve("tmp")));
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "duckdbMemoryLimit", value = "25%")
    @MojoParameter(name = "duckdbThreads", value = "1")
    @MojoParameter(name = "duckdbTempDirectory", value = "${project.build.directory}/spill")
    void passesTheDuckDbSettingsDown(IngestMojo mojo) throws Exception {
        mojo.execute();

        assertThat(mojo.duckDb())
                .isEqualTo(new DuckDbSettings("25%", 1, harness.dir().resolve("target/spill")));
        assertThat(harness.dir().resolve("target/spill")).isDirectory();
        assertThat(harness.work().resolve("warehouse.duckdb")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "ingest")
    @MojoParameter(name = "duckdbMemoryLimit", value = "lots")
    void aBadDuckDbMemoryLimitIsAFailureNamingTheParameter(IngestMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<duckdbMemoryLimit> (-Decommerce.duckdb.memoryLimit) must be a size")
                .hasMessageContaining("(got 'lots')");
        assertThat(harness.work().resolve("warehouse.duckdb")).doesNotExist();
    }
}
