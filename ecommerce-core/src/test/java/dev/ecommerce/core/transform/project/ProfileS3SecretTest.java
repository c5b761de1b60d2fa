package dev.ecommerce.core.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.transform.render.RenderScope;
import dev.ecommerce.core.transform.render.Renderer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The s3 secret of a profiles.yml output, over the build's S3 client settings. */
class ProfileS3SecretTest {

    private static final S3ClientSpec BUILD = new S3ClientSpec(
            "eu-west-1",
            URI.create("https://s3.example.com"),
            false,
            S3ChecksumMode.WHEN_REQUIRED,
            AwsCredentialsSpec.accessKey(Secret.of("build-key"), Secret.of("build-secret")),
            7);

    @TempDir
    Path dir;

    private Profile load(String secrets, Map<String, String> environment) throws Exception {
        Files.writeString(dir.resolve("profiles.yml"), """
                p:
                  outputs:
                    dev:
                      type: duckdb
                      path: dev.duckdb
                      external_root: "{{ env_var('OUT', 's3://bucket/marts') }}"
                      secrets:
                """ + secrets.indent(8));
        Renderer renderer = new Renderer(Map.of(), environment, false);
        return Profile.load(dir, "p", "dev", text -> renderer.render(RenderScope.plain("profiles.yml"), text));
    }

    @Test
    void theSecretsValuesWinAndTheBuildsFillTheRest() throws Exception {
        Profile profile = load("""
                - type: s3
                  key_id: "{{ env_var('S3_KEY') }}"
                  secret: "{{ env_var('S3_SECRET') }}"
                  region: eu-central-1
                  endpoint: 127.0.0.1:9000
                  url_style: path
                  use_ssl: false
                """, Map.of("S3_KEY", "AKIDPROFILE", "S3_SECRET", "very-secret-value"));

        S3ClientSpec client = profile.s3Secret().over(BUILD);

        assertThat(profile.externalRoot()).isEqualTo("s3://bucket/marts");
        assertThat(profile.stagesFiles()).isTrue();
        assertThat(client.region()).isEqualTo("eu-central-1");
        assertThat(client.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(client.pathStyle()).isTrue();
        assertThat(client.checksumMode()).isEqualTo(S3ChecksumMode.WHEN_REQUIRED);
        assertThat(client.maxAttempts()).isEqualTo(7);
        assertThat(client.credentials().accessKeyId().reveal()).isEqualTo("AKIDPROFILE");
        assertThat(client.credentials().secretAccessKey().reveal()).isEqualTo("very-secret-value");
        assertThat(profile.toString()).doesNotContain("very-secret-value").contains("******");
    }

    @Test
    void aCredentialChainSecretKeepsTheBuildsEndpointAndCredentials() throws Exception {
        Profile profile = load("""
                - type: s3
                  provider: credential_chain
                  region: "{{ env_var('AWS_REGION', 'us-east-1') }}"
                """, Map.of());

        S3ClientSpec client = profile.s3Secret().over(BUILD);

        assertThat(client.region()).isEqualTo("us-east-1");
        assertThat(client.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(client.pathStyle()).isFalse();
        assertThat(client.credentials().accessKeyId().reveal()).isEqualTo("build-key");
        assertThat(profile.s3Secret().over(null).credentials()).isEqualTo(AwsCredentialsSpec.defaultChain());
    }

    @Test
    void halfAnAccessKeyOrAnotherSecretTypeIsAConfigurationError() {
        assertThatThrownBy(() -> load("""
                        - type: s3
                          key_id: AKID
                        """, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("profiles.yml p.outputs.dev secrets: set both key_id and secret (from env_var), or"
                        + " neither for the AWS credential chain.");
        assertThatThrownBy(() -> load("""
                        - type: gcs
                        """, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("type 'gcs' is not supported by the embedded engine (s3 only)");
    }

    @Test
    void messagesShowThePathWithoutItsQueryStringWhereATokenMayBe() throws Exception {
        Files.writeString(dir.resolve("profiles.yml"), """
                p:
                  outputs:
                    prod:
                      type: duckdb
                      path: "md:ecommerce?motherduck_token={{ env_var('TOKEN') }}"
                """);
        Renderer renderer = new Renderer(Map.of(), Map.of("TOKEN", "eyJhbGciOiJtoken"), false);
        Profile profile =
                Profile.load(dir, "p", "prod", text -> renderer.render(RenderScope.plain("profiles.yml"), text));

        assertThat(profile.displayPath()).isEqualTo("md:ecommerce?...");
        assertThat(profile.isMotherDuck()).isTrue();
    }
}
