package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ecommerce.core.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base mojo's last catch: an exception that is not one of the core's (a library's own, a bug, a missing class)
 * becomes a {@link MojoExecutionException} whose message and cause chain passed the redactor.
 */
class UnexpectedFailureTest {

    private static final String TOKEN = "PlantedSessionTokenInAnUnexpectedFailure0Zx9";
    private static final String SERVER_PASSWORD = "planted-settings-xml-password-4711";

    @TempDir
    Path projectDir;

    @Test
    void aRuntimeExceptionThatIsNotTheCoresBecomesARedactedMojoExecutionException() throws Exception {
        Throwable failure = failureOf(settings -> new IllegalStateException(
                "the client said: token " + TOKEN + " password " + SERVER_PASSWORD,
                new IllegalArgumentException("bad header x-amz-security-token: " + TOKEN)));

        assertThat(failure)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("ecommerce:probe failed unexpectedly: java.lang.IllegalStateException:")
                .hasMessageContaining("the client said: token ******");
        assertThat(failure.getCause()).hasMessageStartingWith("java.lang.IllegalStateException: the client said");
        assertThat(failure.getCause().getCause())
                .hasMessage("java.lang.IllegalArgumentException: bad header x-amz-security-token: ******");
        assertThat(trace(failure)).doesNotContain(TOKEN, SERVER_PASSWORD);
    }

    @Test
    void aLinkageErrorIsMappedTheSameWay() throws Exception {
        Throwable failure = failureOf(settings -> new NoClassDefFoundError("io/netty/Missing " + TOKEN));

        assertThat(failure)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage(
                        "ecommerce:probe failed unexpectedly: java.lang.NoClassDefFoundError: io/netty/Missing ******");
        assertThat(trace(failure)).doesNotContain(TOKEN);
    }

    /** Runs a goal whose core call throws what {@code error} gives, with the token in .env, the password in settings.xml. */
    private Throwable failureOf(Function<Settings, Throwable> error) throws Exception {
        Files.writeString(projectDir.resolve(".env"), "AWS_SESSION_TOKEN=" + TOKEN + "\n");
        ProbeMojo mojo = new ProbeMojo(error);
        mojo.basedir = projectDir.toFile();
        var workDirectory = AbstractEcommerceMojo.class.getDeclaredField("workDirectory"); // as Maven injects it
        workDirectory.setAccessible(true);
        workDirectory.set(mojo, projectDir.resolve("target/ecommerce").toFile());
        return catchThrowable(mojo::execute);
    }

    private static String trace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** A goal whose core call fails with a given exception, after a settings.xml secret was registered. */
    private static final class ProbeMojo extends AbstractEcommerceMojo {

        private final Function<Settings, Throwable> error;

        ProbeMojo(Function<Settings, Throwable> error) {
            this.error = error;
        }

        @Override
        String goal() {
            return "probe";
        }

        @Override
        boolean skipGoal() {
            return false;
        }

        @Override
        void run(Settings settings) {
            addSecret(SERVER_PASSWORD);
            Throwable thrown = error.apply(settings);
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) thrown;
        }
    }
}
