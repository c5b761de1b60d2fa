package dev.ecommerce.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.DefaultPlexusContainer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The harness of the plugin's mojo tests: the testing harness's {@link MojoExtension} (so {@code @InjectMojo} and
 * {@code @MojoParameter} work as with {@code @MojoTest}) whose mojos run in a fresh project folder, so
 * {@code ${project.build.directory}} is {@code <folder>/target}, and log to a {@link RecordingLog}. Registered
 * in an instance field, in place of {@code @MojoTest}:
 *
 * <pre>{@code
 * @RegisterExtension
 * final MojoHarness harness = new MojoHarness();
 * }</pre>
 *
 * The folder is made before each test (before its {@code @BeforeEach} methods) and deleted after it.
 */
final class MojoHarness extends MojoExtension {

    private final RecordingLog log;
    private Path dir;

    /** Keeps the info lines, as the user sees them. */
    MojoHarness() {
        this(new RecordingLog());
    }

    private MojoHarness(RecordingLog log) {
        this.log = log;
    }

    /** Debug lines on, as {@code mvn -X} does, and every line of every level kept. */
    static MojoHarness withDebugLog() {
        return new MojoHarness(new RecordingLog().debug(true));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("mojo-harness");
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(dir.resolve("target").toString());
        // What a test's @Provides methods would do: bound before the harness adds its own project and log.
        ((DefaultPlexusContainer) getContainer(context)).addPlexusInjector(List.of(), binder -> {
            binder.bind(MavenProject.class).toInstance(project);
            binder.bind(Log.class).toInstance(log);
        });
        super.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            super.afterEach(context);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The project folder: the pom's folder, {@code ${basedir}}. */
    Path dir() {
        return dir;
    }

    /** The default work directory, {@code target/ecommerce}. */
    Path work() {
        return dir.resolve("target/ecommerce");
    }

    RecordingLog log() {
        return log;
    }

    /** A configuration error stops the goal before any data or state is written (the lock file aside). */
    void assertNothingWritten() {
        assertThat(work().resolve("warehouse.duckdb")).doesNotExist();
        assertThat(work().resolve("manifest.json")).doesNotExist();
        assertThat(work().resolve("out")).doesNotExist();
    }

    /** Writes a file under the project folder, making its folders. */
    Path write(String path, String text) {
        Path file = dir.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
