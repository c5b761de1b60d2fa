package dev.ecommerce.maven;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.ServiceAccountKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Credentials from a settings.xml {@code <server>}, decrypted by Maven; absent servers give nothing. */
record ServerSecrets(Path privateKey, Secret username, Secret password) {

    static ServerSecrets lookup(Settings settings, SettingsDecrypter decrypter, String id) {
        Server server = settings == null || id == null ? null : settings.getServer(id);
        if (server == null) {
            return new ServerSecrets(null, null, null);
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new ConfigurationException("Cannot decrypt the settings.xml server '" + id + "': fix its"
                        + " <password> or <passphrase> (mvn --encrypt-password).");
            }
        }
        Server decrypted = result.getServer();
        String key = decrypted.getPrivateKey();
        return new ServerSecrets(
                key == null || key.isBlank() ? null : Path.of(key),
                secret(decrypted.getUsername()),
                secret(decrypted.getPassword()));
    }

    private static Secret secret(String value) {
        return value == null || value.isBlank() ? null : Secret.of(value);
    }

    /**
     * The values to mask in every message: the username too (for S3 it is the access key id), and the private key
     * (id, key, its lines) of a service-account key given as the password (JSON) or the privateKey (a file).
     */
    List<String> secrets() {
        List<String> values = new ArrayList<>();
        for (Secret secret : new Secret[] {username, password}) {
            if (secret != null) {
                values.add(secret.reveal());
            }
        }
        if (password != null) {
            values.addAll(ServiceAccountKeys.secretsOf(password.reveal()));
        }
        if (privateKey != null) {
            values.addAll(ServiceAccountKeys.secretsOf(privateKey));
        }
        return values;
    }
}
