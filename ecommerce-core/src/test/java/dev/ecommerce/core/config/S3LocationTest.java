package dev.ecommerce.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3LocationTest {

    @ParameterizedTest
    @CsvSource({
        "s3://my-bucket/raw, my-bucket, raw",
        "s3://my-bucket/raw/thelook/, my-bucket, raw/thelook",
        "s3://my-bucket, my-bucket, ''",
        "s3://my-bucket/, my-bucket, ''",
        "s3://data.example.com/a/run=1, data.example.com, a/run=1"
    })
    void parsesBucketAndPrefix(String uri, String bucket, String prefix) {
        S3Location location = S3Location.parse(uri, "S3_PATH");

        assertThat(location.bucket()).isEqualTo(bucket);
        assertThat(location.prefix()).isEqualTo(prefix);
        assertThat(location.key("", "users.parquet"))
                .isEqualTo(prefix.isEmpty() ? "users.parquet" : prefix + "/users.parquet");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s3://my-bucket/raw/../other | the prefix has an empty, '.' or '..' segment",
                "s3://my-bucket/../x | the prefix has an empty, '.' or '..' segment",
                "s3://my-bucket/raw//x | the prefix has an empty, '.' or '..' segment",
                "s3://my-bucket/./x | the prefix has an empty, '.' or '..' segment",
                "s3://my-bucket/raw x | has characters other than",
                "s3://My_Bucket/raw | is not a bucket name",
                "s3:///raw | is not a bucket name",
                "https://my-bucket/raw | it must start with s3://",
                "my-bucket/raw | it must start with s3://"
            })
    void rejectsPathsThatCouldClimbOutOrAreNotS3(String uri, String why) {
        assertThatThrownBy(() -> S3Location.parse(uri, Setting.S3_PATH.ref()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid " + Setting.S3_PATH.ref() + " '" + uri.trim() + "'")
                .hasMessageContaining(why)
                .hasMessageEndingWith("Use s3://<bucket>/<prefix>, e.g. s3://my-bucket/raw.");
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'  '"})
    void anEmptyPathNamesTheSetting(String uri) {
        assertThatThrownBy(() -> S3Location.parse(uri, "S3_PATH"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Set S3_PATH to s3://<bucket>/<prefix> for the s3 destination.");
    }
}
