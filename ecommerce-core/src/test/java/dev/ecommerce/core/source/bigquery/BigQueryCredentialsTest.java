package dev.ecommerce.core.source.bigquery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.BigQueryParameters;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Settings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad credentials fail with what to do, and never with the credential in the message. */
class BigQueryCredentialsTest {

    private static final String KEY_MATERIAL = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-not-a-real-key";

    @Test
    void aBrokenServiceAccountKeyIsReportedWithoutItsContent() {
        var spec = new BigQueryParameters()
                .gcpProject("my-project-1")
                .serverKeyJson(Secret.of("{\"type\": \"service_account\", \"private_key\": \"" + KEY_MATERIAL + "\"}"))
                .maxAttempts(3)
                .timeoutSeconds(60)
                .toSpec(Settings.none());
        assertThatThrownBy(() -> BigQueryClients.open(spec, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Cannot load Google credentials")
                .hasMessageContaining("settings.xml server")
                .hasMessageNotContaining(KEY_MATERIAL);
    }

    @Test
    void aMissingKeyFileNamesTheFileAndTheSettingToFix() {
        var spec = new BigQueryParameters()
                .gcpProject("my-project-1")
                .serverKeyFile(Path.of("/nowhere/key.json"))
                .maxAttempts(3)
                .timeoutSeconds(60)
                .toSpec(Settings.none());
        assertThatThrownBy(() -> BigQueryClients.open(spec, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/nowhere/key.json does not exist")
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
    }
}
