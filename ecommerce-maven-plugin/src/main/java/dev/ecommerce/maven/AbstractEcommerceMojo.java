package dev.ecommerce.maven;

import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.Settings;
import dev.ecommerce.core.config.WorkLayout;
import dev.ecommerce.core.run.ProgressEvent;
import dev.ecommerce.core.run.Redactor;
import dev.ecommerce.core.run.SummaryTable;
import dev.ecommerce.core.run.TableSummary;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the two skip levels, the work layout, the {@code .env} settings, settings.xml
 * servers, logging through the redactor and {@link SettingNames}, and the one place where core exceptions become
 * Maven's.
 */
abstract class AbstractEcommerceMojo extends AbstractMojo {

    /** Skips every ecommerce goal. */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /** The folder where goals keep their state (warehouse, manifest, outputs); goals talk only through it. */
    @Parameter(property = PropertyNames.WORK_DIRECTORY, defaultValue = "${project.build.directory}/ecommerce")
    private File workDirectory;

    /** The DuckDB warehouse file that ingest writes and the other goals read; unset means {@code warehouse.duckdb} in {@code workDirectory}. */
    @Parameter(property = PropertyNames.WAREHOUSE)
    private File warehouse;

    /**
     * How long a build waits, in seconds, for another build that is using the same work directory; 0 (the
     * default) fails at once, naming the other build.
     */
    @Parameter(property = PropertyNames.LOCK_WAIT_SECONDS, defaultValue = "0")
    private int lockWaitSeconds;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private org.apache.maven.settings.Settings mavenSettings;

    @Component
    private SettingsDecrypter decrypter;

    /**
     * The most memory DuckDB may use, as a size ({@code 2GB}, {@code 512MB}) or a share of physical memory
     * ({@code 25%}); DuckDB spills the rest to {@code duckdbTempDirectory}.
     */
    @Parameter(property = PropertyNames.DUCKDB_MEMORY_LIMIT, defaultValue = DuckDbSettings.DEFAULT_MEMORY_LIMIT)
    private String duckdbMemoryLimit;

    /** DuckDB's worker threads; leave it out for one per core. */
    @Parameter(property = PropertyNames.DUCKDB_THREADS)
    private Integer duckdbThreads;

    /** Where DuckDB spills data that does not fit under {@code duckdbMemoryLimit}; unset means {@code tmp/} in {@code workDirectory}. */
    @Parameter(property = PropertyNames.DUCKDB_TEMP_DIRECTORY)
    private File duckdbTempDirectory;

    /** The project folder, where a {@code .env} file is read from. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    /**
     * Lets the libraries' request and wire logging (AWS SDK signer, Netty, gRPC, HTTP clients) reach {@code mvn -X};
     * for debugging a connection only: that output shows credentials.
     */
    @Parameter(property = PropertyNames.WIRE_LOG, defaultValue = "false")
    private boolean wireLog;

    private final List<String> extraSecrets = new java.util.ArrayList<>();
    private Redactor redactor = Redactor.of(List.of());
    /** The run report the goal brought up to date, named at its end. */
    private Path report;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        LibraryLogging.configure(wireLog, getLog());
        if (skip || skipGoal()) {
            getLog().info("Skipping ecommerce:" + goal() + " (" + (skip ? PropertyNames.SKIP : goal() + " skip")
                    + " is set)");
            return;
        }
        try {
            Settings settings = Settings.load(basedir.toPath(), System.getenv());
            redactor = Redactor.of(settings.secretValues());
            extraSecrets.clear();
            settings.dotenvFile().ifPresent(file -> getLog().debug("Read " + file));
            ShadowedProperties.apply(
                    this,
                    mojoExecution,
                    project,
                    session == null ? null : session.getUserProperties(),
                    message -> getLog().warn(say(message)));
            try (BuildLock.Held lock =
                    BuildLock.hold(session, layout().workDirectory().toFile(), lockWaitSeconds, this::info)) {
                run(settings);
            } finally {
                if (report != null) {
                    info("Run report: " + report); // the goal's last line, before its failure if it failed
                    report = null;
                }
            }
        } catch (EcommerceException e) {
            String message = say(e.getMessage());
            if (e.isUserFixable()) {
                throw new MojoFailureException(message, redactor.redact(e.getCause()));
            }
            throw new MojoExecutionException(message, redactor.redact(e.getCause()));
        } catch (RuntimeException | LinkageError e) {
            // Not one of the core's: a bug or a library's own exception, whose message may quote a secret.
            throw new MojoExecutionException(
                    "ecommerce:" + goal() + " failed unexpectedly: " + say(String.valueOf(e)), redactor.redact(e));
        }
    }

    /** The memory limit, threads and temp directory of every DuckDB database the goal opens. */
    DuckDbSettings duckDb() {
        return new DuckDbSettings(
                duckdbMemoryLimit,
                duckdbThreads,
                duckdbTempDirectory == null ? layout().tmp() : duckdbTempDirectory.toPath());
    }

    /** A settings.xml server's decrypted credentials; its values are masked in every message from now on. */
    ServerSecrets server(String id) {
        ServerSecrets server = ServerSecrets.lookup(mavenSettings, decrypter, id);
        server.secrets().forEach(this::addSecret);
        return server;
    }

    /** Masks a secret in every message from now on. */
    void addSecret(String secret) {
        extraSecrets.add(secret);
        redactor = redactor.with(extraSecrets);
    }

    /** The goal's name, for log lines. */
    abstract String goal();

    /** The goal's own skip flag ({@code ecommerce.<goal>.skip}). */
    abstract boolean skipGoal();

    /** Builds the core spec and makes the one core call. */
    abstract void run(Settings settings);

    /** Every path under the work directory, with this goal's overrides. */
    WorkLayout layout() {
        return new WorkLayout(workDirectory.toPath(), warehouse == null ? null : warehouse.toPath(), outputDirectory());
    }

    /** The local destination's folder, where the goal has that parameter; null means {@code out/} in the work directory. */
    java.nio.file.Path outputDirectory() {
        return null;
    }

    void info(String message) {
        getLog().info(say(message));
    }

    /** A message as the user reads it: no secret, and settings named as the pom and {@code -D} name them. */
    private String say(String message) {
        return SettingNames.render(redactor.redact(message));
    }

    /** Turns core progress events into log lines. */
    void log(ProgressEvent event) {
        if (event instanceof ProgressEvent.ReportWritten written) {
            report = written.report();
        } else if (event instanceof ProgressEvent.Step step) {
            info(step.message());
        } else if (event instanceof ProgressEvent.Warning warning) {
            getLog().warn(say(warning.message()));
        } else if (event instanceof ProgressEvent.TableProgress p) {
            info(String.format(
                    Locale.ROOT, "  %s: %,d rows so far (%.1f s)", p.table().sqlName(), p.rows(), p.seconds()));
        } else if (event instanceof ProgressEvent.FileWritten f) {
            info(String.format(Locale.ROOT, "  wrote %s (%,d bytes)", f.location(), f.bytes()));
        } else if (event instanceof ProgressEvent.ObjectsKept k) {
            info(String.format(
                    Locale.ROOT,
                    "  %s: %s: wrote %d objects, kept %d unchanged",
                    k.destination(),
                    k.table().sqlName(),
                    k.written(),
                    k.kept()));
        } else if (event instanceof ProgressEvent.GenerationStaged g) {
            getLog().debug(say("  staged generation " + g.generation() + " in " + g.folder()));
        } else if (event instanceof ProgressEvent.GenerationPublished g) {
            info("  published " + g.output() + " (generation " + g.generation() + ")");
        }
    }

    void logSummary(List<TableSummary> tables, double seconds) {
        SummaryTable.render(tables, seconds).forEach(this::info);
    }
}
