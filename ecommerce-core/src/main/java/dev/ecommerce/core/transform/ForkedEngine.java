package dev.ecommerce.core.transform;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.DataException;
import dev.ecommerce.core.EcommerceException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.DuckDbSettings;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.Setting;
import dev.ecommerce.core.config.TransformEngineKind;
import dev.ecommerce.core.config.TransformJvm;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.transform.render.TemplateWarnings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine in a JVM of its own ({@link TransformJvm}), started for the run and ended with it. The build's
 * JVM is set up for a long life; a transform is a short run, which a fresh JVM with C1 alone does in about two
 * thirds of the time on two cores.
 *
 * <p>The spec goes to the child on its standard input. On its standard output the child says that it started, sends
 * the log lines, then the result or what the run threw, which this side returns or throws as the engine in this JVM
 * would. The child ends itself when its standard input closes before its run is done (the build was killed), as if
 * killed with the build: what it writes is written whole or not at all.
 */
final class ForkedEngine implements TransformEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ForkedEngine.class);

    private static final int STARTED = 'S';
    private static final int LINE = 'L';
    private static final int OUTCOME = 'R';

    /** The child's exit code when its build went away before its run was done. */
    static final int ORPHANED = 3;

    /** The last lines of the child's standard error kept for the message when it ends without a result. */
    private static final int ERROR_LINES = 30;

    /** Classes the child needs that a build tool may provide from its own class path (Maven's SLF4J API). */
    private static final List<Class<?>> PROVIDED = List.of(LoggerFactory.class);

    @Override
    public TransformResult run(TransformSpec spec, Consumer<String> log) {
        long start = System.nanoTime();
        List<String> command = command(spec.jvm());
        LOG.debug("The embedded engine's JVM: {}", command);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(spec.projectDirectory().toFile())
                    .start();
        } catch (IOException e) {
            throw new InfrastructureException(
                    "Could not start a JVM for the embedded engine (" + command.get(0) + "): " + e.getMessage()
                            + ". Set " + Setting.TRANSFORM_FORK.set(false) + " to run it in the build's JVM.",
                    e);
        }
        Deque<String> errors = new ArrayDeque<>();
        Thread drain = new Thread(() -> drain(process.getErrorStream(), errors), "transform-jvm-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            ObjectOutputStream request = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
            request.writeObject(Request.of(spec));
            request.flush(); // kept open: the child ends itself when it closes
            DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            double started = 0;
            while (true) {
                int tag = in.read();
                if (tag == STARTED) {
                    bytes(in);
                    started = seconds(start);
                    log.accept(String.format(
                            Locale.ROOT,
                            "Embedded engine in a JVM of its own (%s), started in %.2f s",
                            String.join(" ", spec.jvm().commandOptions()),
                            started));
                } else if (tag == LINE) {
                    log.accept(new String(bytes(in), StandardCharsets.UTF_8));
                } else if (tag == OUTCOME) {
                    Outcome outcome = Outcome.read(bytes(in));
                    request.close();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return outcome.result(started, seconds(start));
                } else {
                    // the end, or text: the java launcher prints why a JVM could not start on standard output
                    if (tag != -1) {
                        String text = (char) tag + new String(in.readAllBytes(), Charset.defaultCharset());
                        synchronized (errors) {
                            text.lines().forEach(errors::addLast);
                        }
                    }
                    throw ended(process, errors, drain, null);
                }
            }
        } catch (IOException e) {
            throw ended(process, errors, drain, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while the embedded engine's JVM ran.", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** The child's command: this JVM's {@code java}, the options, the class path this class was loaded from. */
    static List<String> command(TransformJvm jvm) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm.commandOptions());
        // the child reads and writes text as this JVM does
        command.add("-Dfile.encoding=" + Charset.defaultCharset().name());
        command.add("-Duser.language=" + Locale.getDefault().getLanguage());
        command.add("-Duser.country=" + Locale.getDefault().getCountry());
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(classPath());
        command.add(ForkedEngine.class.getName());
        return command;
    }

    /**
     * The class path of the engine: the jars of the class loader that loaded it (Maven's plugin realm), or this
     * JVM's class path, with what the build tool provides itself.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        if (ForkedEngine.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                entries.add(file(url));
            }
        } else {
            entries.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        }
        for (Class<?> provided : PROVIDED) {
            var source = provided.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                entries.add(file(source.getLocation()));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath();
        }
    }

    private static void drain(InputStream stream, Deque<String> kept) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                LOG.debug("[engine JVM] {}", line);
                synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > ERROR_LINES) {
                        kept.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("The engine JVM's standard error broke off: {}", e.toString());
        }
    }

    /** The failure of a child that ended, or broke its output off, before sending its outcome. */
    private static InfrastructureException ended(
            Process process, Deque<String> errors, Thread drain, IOException cause) {
        String exit;
        try {
            exit = process.waitFor(10, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
            drain.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "interrupted";
        }
        String tail;
        synchronized (errors) {
            tail = String.join("\n", errors);
        }
        return new InfrastructureException(
                "The embedded engine's JVM ended before its run was done (" + exit + ")"
                        + (tail.isBlank() ? "" : ":\n" + tail + "\n")
                        + ". If it ran out of memory, give it more with " + Setting.TRANSFORM_JVM_ARGS.set("-Xmx8g")
                        + "; " + Setting.TRANSFORM_FORK.set(false) + " runs the engine in the build's JVM.",
                cause);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The child: reads the spec, runs the embedded engine, sends its lines and its outcome. */
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.forLanguageTag(
                System.getProperty("user.language", "en") + "-" + System.getProperty("user.country", "")));
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // stdout is the channel
        InputStream stdin = new BufferedInputStream(System.in);
        TransformSpec spec = ((Request) new ObjectInputStream(stdin).readObject()).spec();
        Child child = new Child(out);
        TemplateWarnings.sendTo(child::line);
        child.send(STARTED, new byte[0]);
        Thread watch = new Thread(() -> child.endWhenOrphaned(stdin), "transform-jvm-parent");
        watch.setDaemon(true);
        watch.start();
        Outcome outcome;
        try {
            outcome = Outcome.of(new EmbeddedEngine().run(spec, child::line));
        } catch (Throwable e) {
            outcome = Outcome.failed(e);
        }
        child.finish(outcome);
        System.exit(0);
    }

    /** The child's side of the channel; lines may come from several threads. */
    private static final class Child {

        private final DataOutputStream out;
        private boolean done;

        Child(DataOutputStream out) {
            this.out = out;
        }

        void line(String text) {
            send(LINE, text.getBytes(StandardCharsets.UTF_8));
        }

        synchronized void send(int tag, byte[] bytes) {
            try {
                out.write(tag);
                out.writeInt(bytes.length);
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish(Outcome outcome) {
            byte[] bytes = outcome.bytes();
            synchronized (this) {
                send(OUTCOME, bytes);
                done = true;
            }
        }

        /** Waits for the build to close standard input, and ends this JVM if the run is not done by then. */
        void endWhenOrphaned(InputStream stdin) {
            try {
                while (stdin.read() != -1) {
                    // nothing more is sent: only the end matters
                }
            } catch (IOException e) {
                // the same: the build is gone
            }
            synchronized (this) {
                if (!done) {
                    Runtime.getRuntime().halt(ORPHANED);
                }
            }
        }
    }

    /** The spec as the child receives it: text, numbers and collections only (no paths, which do not serialize). */
    record Request(
            String workDirectory,
            String projectDirectory,
            String profilesDirectory,
            String target,
            LinkedHashMap<String, Object> vars,
            ArrayList<String> select,
            ArrayList<String> exclude,
            boolean fullRefresh,
            HashMap<String, String> environment,
            S3 s3,
            String memoryLimit,
            Integer threads,
            String tempDirectory,
            String stateDirectory)
            implements Serializable {

        static Request of(TransformSpec spec) {
            DuckDbSettings duckDb = spec.duckDb();
            return new Request(
                    spec.workDirectory().toString(),
                    spec.projectDirectory().toString(),
                    spec.profilesDirectory().toString(),
                    spec.target(),
                    new LinkedHashMap<>(spec.vars()),
                    new ArrayList<>(spec.select()),
                    new ArrayList<>(spec.exclude()),
                    spec.fullRefresh(),
                    new HashMap<>(spec.environment()),
                    S3.of(spec.s3Client()),
                    duckDb.memoryLimit(),
                    duckDb.threads(),
                    text(duckDb.tempDirectory()),
                    text(spec.stateDirectory()));
        }

        TransformSpec spec() {
            Path work = Path.of(workDirectory);
            return new TransformSpec(
                    work,
                    Path.of(projectDirectory),
                    Path.of(profilesDirectory),
                    target,
                    vars,
                    select,
                    TransformEngineKind.EMBEDDED,
                    null,
                    fullRefresh,
                    environment,
                    s3 == null ? null : s3.spec(),
                    new DuckDbSettings(memoryLimit, threads, tempDirectory == null ? null : Path.of(tempDirectory)),
                    exclude,
                    stateDirectory == null ? null : Path.of(stateDirectory));
        }

        private static String text(Path path) {
            return path == null ? null : path.toString();
        }
    }

    /** The S3 client's settings, secrets as text: they cross a pipe between two processes of the same user. */
    record S3(
            String region,
            URI endpoint,
            boolean pathStyle,
            S3ChecksumMode checksumMode,
            String accessKeyId,
            String secretAccessKey,
            String profile,
            String sessionToken,
            int maxAttempts)
            implements Serializable {

        static S3 of(S3ClientSpec spec) {
            if (spec == null) {
                return null;
            }
            AwsCredentialsSpec credentials = spec.credentials();
            return new S3(
                    spec.region(),
                    spec.endpoint(),
                    spec.pathStyle(),
                    spec.checksumMode(),
                    reveal(credentials.accessKeyId()),
                    reveal(credentials.secretAccessKey()),
                    credentials.profile(),
                    reveal(credentials.sessionToken()),
                    spec.maxAttempts());
        }

        S3ClientSpec spec() {
            return new S3ClientSpec(
                    region,
                    endpoint,
                    pathStyle,
                    checksumMode,
                    new AwsCredentialsSpec(secret(accessKeyId), secret(secretAccessKey), profile, secret(sessionToken)),
                    maxAttempts);
        }

        private static String reveal(Secret secret) {
            return secret == null ? null : secret.reveal();
        }

        private static Secret secret(String text) {
            return text == null ? null : Secret.of(text);
        }

        @Override
        public String toString() {
            return "S3[region=" + region + ", endpoint=" + endpoint + "]";
        }
    }

    /** The run's result, or what it threw. */
    record Outcome(
            String target,
            ArrayList<NodeResult> nodes,
            TransformResult.Timings timings,
            String runResults,
            ArrayList<EcommerceException> faults,
            Throwable failure)
            implements Serializable {

        static Outcome of(TransformResult result) {
            ArrayList<EcommerceException> faults = new ArrayList<>();
            result.faults().forEach(fault -> faults.add((EcommerceException) portable(fault)));
            return new Outcome(
                    result.target(),
                    new ArrayList<>(result.nodes()),
                    result.timings(),
                    result.runResults() == null ? null : result.runResults().toString(),
                    faults,
                    null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, new ArrayList<>(), null, null, new ArrayList<>(), portable(failure));
        }

        byte[] bytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Outcome read(byte[] bytes) throws IOException {
            // classes are looked up where this engine was loaded (Maven's plugin realm), not by the JVM's default
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                protected Class<?> resolveClass(ObjectStreamClass type) throws IOException, ClassNotFoundException {
                    try {
                        return Class.forName(type.getName(), false, ForkedEngine.class.getClassLoader());
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(type);
                    }
                }
            }) {
                return (Outcome) in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException("The embedded engine's JVM sent an unknown class: " + e.getMessage(), e);
            }
        }

        /** The result, its parse including the time the JVM took to start, or the failure thrown. */
        TransformResult result(double startSeconds, double seconds) {
            if (failure instanceof OutOfMemoryError) {
                throw new InfrastructureException(
                        "The embedded engine ran out of memory in its JVM: give it more with "
                                + Setting.TRANSFORM_JVM_ARGS.set("-Xmx8g") + ".",
                        failure);
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new InfrastructureException("The embedded engine failed: " + failure, failure);
            }
            TransformResult.Timings t = timings;
            return new TransformResult(
                    TransformEngineKind.EMBEDDED,
                    target,
                    nodes,
                    seconds,
                    new TransformResult.Timings(
                            t.parseSeconds() + startSeconds,
                            t.renderSeconds(),
                            t.dagSeconds(),
                            t.querySeconds(),
                            t.artifactSeconds()),
                    runResults == null ? null : Path.of(runResults),
                    new ArrayList<>(faults));
        }
    }

    /**
     * The throwable as it can cross to the build's JVM: itself when it serializes, else a copy of its chain (an
     * exception of this pipeline keeps its kind; another becomes a runtime exception naming its class).
     */
    static Throwable portable(Throwable error) {
        if (error == null) {
            return null;
        }
        try (ObjectOutputStream probe = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            probe.writeObject(error);
            return error;
        } catch (IOException e) {
            // copied below
        }
        Throwable cause = portable(error.getCause());
        Throwable copy;
        if (error instanceof ConfigurationException) {
            copy = new ConfigurationException(error.getMessage(), cause);
        } else if (error instanceof DataException) {
            copy = new DataException(error.getMessage(), cause);
        } else if (error instanceof InfrastructureException) {
            copy = new InfrastructureException(error.getMessage(), cause);
        } else {
            copy = new RuntimeException(error.getClass().getName() + ": " + error.getMessage(), cause);
        }
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }
}
