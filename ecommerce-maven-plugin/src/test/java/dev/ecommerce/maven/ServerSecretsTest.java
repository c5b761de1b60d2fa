package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecommerce.core.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a settings.xml server adds to the redactor: its username and password, and a service-account key's id. */
class ServerSecretsTest {

    // Not a key: a made-up body line between the PEM markers, which is all the redactor looks at.
    private static final String KEY_ID = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String KEY_JSON = "{\"type\": \"service_account\", \"private_key_id\": \"" + KEY_ID
            + "\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nPLANTEDxNOTxAxREALxKEYxLINExFORxTHISxTESTx0123456789\\n"
            + "-----END PRIVATE KEY-----\\n\"}";

    @TempDir
    Path dir;

    @Test
    void aKeyAsPasswordOrAsPrivateKeyFileHasItsKeyIdAndKeyLinesMasked() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key.json"), KEY_JSON);

        assertThat(new ServerSecrets(null, null, Secret.of(KEY_JSON)).secrets())
                .contains(KEY_JSON, KEY_ID, "PLANTEDxNOTxAxREALxKEYxLINExFORxTHISxTESTx0123456789");
        assertThat(new ServerSecrets(keyFile, null, null).secrets())
                .contains(KEY_ID, "PLANTEDxNOTxAxREALxKEYxLINExFORxTHISxTESTx0123456789");
        assertThat(new ServerSecrets(null, Secret.of("access-key-id"), Secret.of("secret-key")).secrets())
                .containsExactly("access-key-id", "secret-key");
    }
}
