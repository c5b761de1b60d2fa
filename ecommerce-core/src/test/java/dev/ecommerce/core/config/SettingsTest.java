package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    private Settings withDotenv(String content, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve(".env"), content);
        return Settings.load(dir, env);
    }

    @Test
    void configurationBeatsEnvironmentBeatsDotenvBeatsDefault() throws IOException {
        Settings settings = withDotenv("TABLE_NAMES=users\nDESTINATION=local\n", Map.of("TABLE_NAMES", "orders"));
        assertThat(TableSelection.resolve(List.of("events"), settings)).containsExactly(Table.EVENTS);
        assertThat(TableSelection.resolve(null, settings)).containsExactly(Table.ORDERS);
        assertThat(TableSelection.resolve(null, withDotenv("TABLE_NAMES=users,orders\n", Map.of())))
                .containsExactly(Table.USERS, Table.ORDERS);
        assertThat(TableSelection.resolve(null, Settings.none())).containsExactly(Table.values());
        assertThat(settings.resolve(null, LegacyVariable.TABLE_NAMES).origin()).isEqualTo(Settings.Origin.ENVIRONMENT);
        assertThat(settings.resolve(null, LegacyVariable.DESTINATION).origin()).isEqualTo(Settings.Origin.DOTENV);
    }

    @Test
    void dotenvAcceptsQuotesExportAndComments() throws IOException {
        Settings settings = withDotenv("""
                # the Python pipeline's settings
                export GCP_PROJECT="my-project"
                S3_PATH='s3://bucket/raw'
                AWS_REGION=eu-west-1 # Ireland
                UNRELATED=1

                MOTHERDUCK_TOKEN=md-secret-token
                """, Map.of());
        assertThat(settings.resolve(null, LegacyVariable.GCP_PROJECT).value()).isEqualTo("my-project");
        assertThat(settings.resolve(null, LegacyVariable.S3_PATH).value()).isEqualTo("s3://bucket/raw");
        assertThat(settings.resolve(null, LegacyVariable.AWS_REGION).value()).isEqualTo("eu-west-1");
        assertThat(settings.secret(LegacyVariable.MOTHERDUCK_TOKEN))
                .map(Secret::reveal)
                .contains("md-secret-token");
        assertThat(settings.secret(LegacyVariable.MOTHERDUCK_TOKEN).orElseThrow())
                .hasToString("******");
        assertThat(settings.secretValues()).containsExactly("md-secret-token");
        assertThat(settings.dotenvFile()).contains(dir.resolve(".env"));
    }

    @Test
    void aMalformedDotenvLineIsReportedWithoutItsContent() throws IOException {
        Files.writeString(dir.resolve(".env"), "TABLE_NAMES=users\nthis-is-a-secret-without-key\n");
        assertThatThrownBy(() -> Settings.load(dir, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("line 2 is not KEY=VALUE")
                .hasMessageNotContaining("this-is-a-secret");
    }

    @Test
    void unknownTablesFailListingTheValidNames() {
        assertThatThrownBy(() -> TableSelection.resolve(List.of("orders,ordrs", "userz"), Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown tables [ordrs, userz] in " + Setting.TABLES.ref() + ". Valid tables: "
                        + "distribution_centers, products, users, orders, order_items, inventory_items, events.");
        assertThatThrownBy(() -> TableSelection.resolve(null, Settings.load(dir, Map.of("TABLE_NAMES", "bogus"))))
                .hasMessageContaining("TABLE_NAMES (environment)");
    }

    @Test
    void tableNamesAreCaseInsensitiveAndDeduplicated() {
        assertThat(TableSelection.resolve(List.of(" Orders , users", "ORDERS"), Settings.none()))
                .containsExactly(Table.ORDERS, Table.USERS);
    }

    @Test
    void destinationsFormatsAndSourcesAreClosedSets() {
        assertThat(DestinationKind.resolve(null, Settings.none())).containsExactly(DestinationKind.LOCAL);
        assertThatThrownBy(() -> DestinationKind.resolve(List.of("local", "ftp"), Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown value 'ftp' for " + Setting.DESTINATIONS.ref() + ". Valid values: local, s3,"
                        + " md.");
        assertThat(DestinationKind.resolve(List.of("local,S3", "md", "motherduck"), Settings.none()))
                .containsExactly(DestinationKind.LOCAL, DestinationKind.S3, DestinationKind.MOTHERDUCK);
        assertThat(FileFormat.parseAll(List.of("parquet"), "<formats>")).containsExactly(FileFormat.PARQUET);
        assertThat(FileFormat.parseAll(null, "<formats>"))
                .containsExactlyInAnyOrder(FileFormat.CSV, FileFormat.PARQUET);
        assertThatThrownBy(() -> FileFormat.parseAll(List.of("xlsx"), "<formats>"))
                .hasMessageContaining("Valid values: csv, parquet");
        assertThat(SourceKind.parse(null)).isEqualTo(SourceKind.GENERATED);
        assertThatThrownBy(() -> SourceKind.parse("oracle")).hasMessageContaining("Valid values: generated, bigquery");
    }

    @Test
    void generatorSettingsAreChecked() {
        assertThatThrownBy(() -> new GeneratorSpec(1, 0, GeneratorSpec.DEFAULT_ANCHOR, 1))
                .hasMessageContaining(Setting.SCALE.ref());
        assertThatThrownBy(() -> new GeneratorSpec(1, 1000, GeneratorSpec.DEFAULT_ANCHOR, 1))
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> new GeneratorSpec(1, 0.1, java.time.LocalDate.of(2019, 6, 1), 1))
                .hasMessageContaining("anchorDate");
        assertThatThrownBy(() -> new GeneratorSpec(1, 0.1, GeneratorSpec.DEFAULT_ANCHOR, 0))
                .hasMessageContaining("threads");
        assertThat(new GeneratorSpec(1, 0.25, GeneratorSpec.DEFAULT_ANCHOR, 1).users())
                .isEqualTo(25_000);
    }
}
