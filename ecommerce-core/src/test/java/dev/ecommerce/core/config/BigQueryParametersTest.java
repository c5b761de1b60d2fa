package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigQueryParametersTest {

    @TempDir
    Path dir;

    private static BigQueryParameters parameters(String project, String rest, Path keyFile, Secret keyJson) {
        return new BigQueryParameters()
                .gcpProject(project)
                .readPath("rest")
                .serverKeyFile(keyFile)
                .serverKeyJson(keyJson)
                .timeoutSeconds(60)
                .endpoints(rest, null);
    }

    @Test
    void theBillingProjectFallsBackToGcpProject() throws IOException {
        Files.writeString(dir.resolve(".env"), "GCP_PROJECT=from-dotenv\n");
        assertThat(parameters(null, null, null, null)
                        .toSpec(Settings.load(dir, Map.of()))
                        .billingProject())
                .isEqualTo("from-dotenv");
        assertThat(parameters("from-pom", null, null, null)
                        .toSpec(Settings.load(dir, Map.of()))
                        .billingProject())
                .isEqualTo("from-pom");
        assertThat(parameters(null, null, null, null)
                        .toSpec(Settings.load(dir, Map.of("GCP_PROJECT", "from-env")))
                        .readPath())
                .isEqualTo(ReadPath.REST);
    }

    @Test
    void credentialsComeFromTheServerThenTheKeyFileThenNoneForALocalEndpointThenAdc() {
        Settings env = Settings.load(dir, Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json"));
        assertThat(parameters("p-1234", null, null, Secret.of("{json}"))
                        .toSpec(env)
                        .credentials())
                .isEqualTo(new GoogleCredentialsSpec.KeyJson(Secret.of("{json}")));
        assertThat(parameters("p-1234", null, Path.of("/k.json"), null)
                        .toSpec(env)
                        .credentials())
                .isEqualTo(new GoogleCredentialsSpec.KeyFile(Path.of("/k.json")));
        assertThat(parameters("p-1234", null, null, null).toSpec(env).credentials())
                .isEqualTo(new GoogleCredentialsSpec.KeyFile(Path.of("/keys/sa.json")));
        assertThat(parameters("p-1234", "http://127.0.0.1:1", null, null)
                        .toSpec(Settings.none())
                        .credentials())
                .isEqualTo(new GoogleCredentialsSpec.None());
        assertThat(parameters("p-1234", null, null, null)
                        .toSpec(Settings.none())
                        .credentials())
                .isEqualTo(new GoogleCredentialsSpec.ApplicationDefault());
        // The JSON never shows in a record's text.
        assertThat(new GoogleCredentialsSpec.KeyJson(Secret.of("{private}")).toString())
                .doesNotContain("private");
    }
}
