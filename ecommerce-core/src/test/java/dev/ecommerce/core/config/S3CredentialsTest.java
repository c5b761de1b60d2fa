package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the S3 client's credentials come from, and that every part of them is a secret. */
class S3CredentialsTest {

    @TempDir
    Path project;

    private static S3ClientParameters parameters(Secret serverKeyId, Secret serverSecret) {
        return new S3ClientParameters("eu-west-1", null, false, null, serverKeyId, serverSecret, 5);
    }

    @Test
    void temporaryKeysFromTheEnvironmentKeepTheirSessionToken() {
        Settings settings = Settings.load(
                project,
                Map.of(
                        "AWS_ACCESS_KEY_ID", "test-temporary-key-id",
                        "AWS_SECRET_ACCESS_KEY", "temporary/secret",
                        "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"));

        AwsCredentialsSpec credentials = parameters(null, null).toSpec(settings).credentials();

        assertThat(credentials.accessKeyId().reveal()).isEqualTo("test-temporary-key-id");
        assertThat(credentials.secretAccessKey().reveal()).isEqualTo("temporary/secret");
        assertThat(credentials.sessionToken().reveal()).isEqualTo("IQoJb3JpZ2luX2VjEXAMPLETOKEN");
        assertThat(credentials.toString()).doesNotContain("IQoJb3JpZ2luX2VjEXAMPLETOKEN", "temporary/secret");
        assertThat(settings.secretValues()).contains("IQoJb3JpZ2luX2VjEXAMPLETOKEN");
    }

    @Test
    void partsUnderFiveMibAreRejectedBeforeAnyUpload() {
        var tooSmall =
                new S3Parameters("s3://bucket/raw", List.of("parquet"), false, null, 16, 4, 8, parameters(null, null));

        assertThatThrownBy(() -> tooSmall.toSpec(Settings.none(), WorkLayout.of(project)))
                .isInstanceOf(dev.ecommerce.core.ConfigurationException.class)
                .hasMessage(Setting.S3_PART_SIZE_MB.ref() + " is 4: S3 takes parts of 5 MiB at least.");
    }

    @Test
    void aSettingsXmlServerWinsAndHasNoSessionToken() {
        Settings settings = Settings.load(project, Map.of("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLETOKEN"));

        AwsCredentialsSpec credentials = parameters(Secret.of("test-server-key-id"), Secret.of("server/secret"))
                .toSpec(settings)
                .credentials();

        assertThat(credentials.accessKeyId().reveal()).isEqualTo("test-server-key-id");
        assertThat(credentials.sessionToken()).isNull();
    }
}
