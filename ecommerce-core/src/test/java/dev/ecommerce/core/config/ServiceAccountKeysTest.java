package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.run.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private parts of a service-account key reach the redactor, from a key file or a key's JSON. */
class ServiceAccountKeysTest {

    private static final String KEY_ID = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void theKeyIdTheKeyAndEachOfItsLinesAreSecretsAndAQuotedKeyFileIsMasked() throws Exception {
        String pem = pem();
        String json = keyJson(pem);
        List<String> lines = pem.lines().filter(l -> !l.startsWith("-----")).toList();

        List<String> secrets = ServiceAccountKeys.secretsOf(json);

        assertThat(secrets).contains(KEY_ID, pem).containsAll(lines);
        // A message that quotes the file (escaped line breaks) keeps none of the key.
        String masked = Redactor.of(secrets).redact("Cannot read " + json);
        assertThat(masked).doesNotContain(KEY_ID).contains("client_email");
        lines.forEach(line -> assertThat(masked).doesNotContain(line));
    }

    @Test
    void googleApplicationCredentialsNamesAKeyFileWhosePrivatePartsAreSettingsSecrets() throws Exception {
        Path keyFile = dir.resolve("sa-key.json");
        Files.writeString(keyFile, keyJson(pem()));
        Files.writeString(dir.resolve(".env"), "GOOGLE_APPLICATION_CREDENTIALS=" + keyFile + "\n");

        assertThat(Settings.load(dir, Map.of()).secretValues()).contains(KEY_ID);
        assertThat(ServiceAccountKeys.secretsOf(keyFile)).contains(KEY_ID);
    }

    @Test
    void whatIsNotAKeyGivesNoSecrets() {
        assertThat(ServiceAccountKeys.secretsOf("not json {")).isEmpty();
        assertThat(ServiceAccountKeys.secretsOf("[1, 2]")).isEmpty();
        assertThat(ServiceAccountKeys.secretsOf(dir.resolve("missing.json"))).isEmpty();
    }

    private static String pem() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private static String keyJson(String pem) throws Exception {
        return new ObjectMapper()
                .writeValueAsString(Map.of(
                        "type",
                        "service_account",
                        "private_key_id",
                        KEY_ID,
                        "private_key",
                        pem,
                        "client_email",
                        "it@project.iam.gserviceaccount.com"));
    }
}
