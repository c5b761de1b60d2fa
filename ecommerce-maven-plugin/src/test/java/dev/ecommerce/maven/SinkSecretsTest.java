package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ecommerce.testkit.s3.LocalS3;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink goal with fake credentials (AWS keys and a MotherDuck token from {@code .env}), debug logging on
 * for the mojo and the AWS SDK: no secret appears in any log line, in the console or in an exception.
 */
@Tag("testkit") // runs in the surefire execution that has ecommerce-testkit on the classpath
class SinkSecretsTest {

    private static final String ACCESS_KEY_ID = "fake-key-id-sink-secrets-test";
    private static final String SECRET_KEY = "fakeSecretKey/4711+ecommerceXYZsecret";
    private static final String TOKEN = "fake-motherduck-token.eyJhbGciOiJIUzI1NiJ9";

    @RegisterExtension
    final MojoHarness harness = MojoHarness.withDebugLog();

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> errors = new ArrayList<>();
    private PrintStream out;
    private PrintStream err;
    private LocalS3 server;

    @BeforeEach
    void fakeCredentialsAndCapturedConsole() throws Exception {
        server = LocalS3.withKeys(ACCESS_KEY_ID, SECRET_KEY, "bucket");
        harness.write(
                ".env",
                "AWS_ACCESS_KEY_ID=" + ACCESS_KEY_ID + "\nAWS_SECRET_ACCESS_KEY=" + SECRET_KEY + "\nMOTHERDUCK_TOKEN="
                        + TOKEN + "\nS3_PATH=s3://bucket/raw\n");
        out = System.out;
        err = System.err;
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new Tee(out, capture), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, capture), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
        server.close();
    }

    @Test
    @MojoParameter(name = "scale", value = "0.001")
    @MojoParameter(name = "tables", value = "distribution_centers,users")
    @MojoParameter(name = "s3PathStyle", value = "true")
    void noSecretReachesALogLineTheConsoleOrAnException(
            @InjectMojo(goal = "ingest") IngestMojo ingest,
            @InjectMojo(goal = "sink") SinkMojo toS3,
            @InjectMojo(goal = "sink") SinkMojo toMotherDuck)
            throws Exception {
        ingest.execute();
        set(toS3, "destinations", List.of("s3"));
        set(toS3, "s3Endpoint", server.endpoint().toString());
        toS3.execute(); // the fake keys are the server's: the upload goes through, with the SDK at debug level
        set(toMotherDuck, "destinations", List.of("md"));
        Throwable failure = catchThrowable(toMotherDuck::execute);
        set(toS3, "s3Endpoint", "http://127.0.0.1:1"); // a refused connection: the SDK's error path
        set(toS3, "s3MaxAttempts", 1);
        Throwable refused = catchThrowable(toS3::execute);

        assertThat(failure).isInstanceOf(MojoFailureException.class).hasMessageContaining("INSTALL motherduck");
        assertThat(refused).isNotNull();
        errors.add(trace(failure));
        errors.add(trace(refused));
        String logged = String.join("\n", harness.log().allLines());
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("wrote s3://bucket/raw/users.parquet");
        assertThat(printed).contains("DEBUG software.amazon.awssdk"); // the SDK did log at debug level
        String manifest = Files.readString(harness.work().resolve("manifest.json"));
        assertThat(manifest).contains("\"failed\""); // the last run, the refused connection, is recorded
        for (String text : List.of(logged, printed, String.join("\n", errors), manifest)) {
            assertThat(text).doesNotContain(ACCESS_KEY_ID, SECRET_KEY, TOKEN);
        }
    }

    private static String trace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void set(Object mojo, String name, Object value) throws Exception {
        Class<?> owner = mojo.getClass();
        while (java.util.Arrays.stream(owner.getDeclaredFields())
                .noneMatch(f -> f.getName().equals(name))) {
            owner = owner.getSuperclass(); // s3 client settings live in AbstractS3ClientMojo
        }
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        field.set(mojo, value);
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        Tee(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
