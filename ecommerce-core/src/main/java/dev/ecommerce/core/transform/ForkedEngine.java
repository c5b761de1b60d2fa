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
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine in a JVM of its own ({@link TransformJvm}), started for the run and ended with it. The build's
 * JVM is set up for a long life; a transform is a short run, which a fresh JVM with C1 alone does in about two
 * thirds of the time on two cores.
 *
 * <p>The spec goes to the child on its standard input, with a loopback port and a token. The child connects there,
 * names the token, says that it started, sends the log lines and template warnings, then the result or what the run
 * threw, which this side returns or throws as the engine in this JVM would. Its standard output and error are only
 * kept for the message when it ends without a result. The child ends itself when its standard input closes before its run is done (the build was killed), as if
 * killed with the build: what it writes is written whole or not at all.
 */
final class ForkedEngine implements TransformEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ForkedEngine.class);

    private static final int STARTED = 'S';
    private static final int LINE = 'L';
    private static final int OUTCOME = 'R';
    private static final int WARNING = 'W';

    /** The child's exit code when its build went away before its run was done. */
    static final int ORPHANED = 3;

    /** The last lines of the child's output kept for the message when it ends without a result. */
    private static final int ERROR_LINES = 30;

    /**
     * System properties the child is given, by prefix: how the libraries reach the network (proxies, TLS trust
     * stores, the AWS SDK's settings). They go with the spec, not on the command line, since some hold secrets
     * ({@code javax.net.ssl.trustStorePassword}, {@code aws.secretAccessKey}).
     */
    static final List<String> FORWARDED_PROPERTIES = List.of(
            "aws.",
            "http.",
            "https.",
            "ftp.",
            "socksProxy",
            "socksNonProxyHosts",
            "java.net.",
            "javax.net.",
            "jdk.tls.",
            "jdk.net.",
            "networkaddress.",
            "sun.net.",
            "user.home");

    /** Classes the child needs that a build tool may provide from its own class path (Maven's SLF4J API). */
    private static final List<Class<?>> PROVIDED = List.of(LoggerFactory.class);

    @Override
    public TransformResult run(TransformSpec spec, Consumer<String> log) {
        long start = System.nanoTime();
        List<String> command = command(spec.jvm());
        LOG.debug("The embedded engine's JVM: {}, class path {}", spec.jvm(), command.get(command.size() - 2));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process;
            try {
                process = new ProcessBuilder(command).start(); // in the build's folder, as the engine in its JVM
            } catch (IOException e) {
                throw new InfrastructureException(
                        "Could not start a JVM for the embedded engine (" + command.get(0) + "): " + e.getMessage()
                                + ". Set " + Setting.TRANSFORM_FORK.set(false) + " to run it in the build's JVM.",
                        e);
            }
            return run(spec, log, start, server, process);
        } catch (IOException e) {
            throw new InfrastructureException(
                    "Could not open a local port for the embedded engine's JVM: " + e.getMessage() + ". Set "
                            + Setting.TRANSFORM_FORK.set(false) + " to run it in the build's JVM.",
                    e);
        }
    }

    private TransformResult run(
            TransformSpec spec, Consumer<String> log, long start, ServerSocket server, Process process) {
        Deque<String> output = new ArrayDeque<>();
        List<Thread> drains = List.of(
                drain(process.getInputStream(), output, "transform-jvm-stdout"),
                drain(process.getErrorStream(), output, "transform-jvm-stderr"));
        String token = UUID.randomUUID().toString();
        try {
            ObjectOutputStream request = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
            try {
                request.writeObject(Request.of(spec));
                request.writeInt(server.getLocalPort()); // where the child connects, and the token it names there
                request.writeUTF(token);
                request.flush(); // kept open: the child ends itself when it closes
            } catch (NotSerializableException e) {
                throw new ConfigurationException(
                        "A value of the transform's settings cannot be sent to the embedded engine's JVM ("
                                + e.getMessage() + "). Set " + Setting.TRANSFORM_FORK.set(false)
                                + " to run it in the build's JVM.",
                        e);
            }
            try (Socket channel = accept(server, token, process, output, drains)) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(channel.getInputStream()));
                double started = 0;
                while (true) {
                    int tag = in.read();
                    if (tag == STARTED) {
                        bytes(in);
                        started = seconds(start);
                        log.accept(String.format(
                                Locale.ROOT,
                                "Embedded engine in a JVM of its own (%s), started in %.2f s",
                                spec.jvm().shown(),
                                started));
                    } else if (tag == LINE) {
                        log.accept(new String(bytes(in), StandardCharsets.UTF_8));
                    } else if (tag == WARNING) {
                        TemplateWarnings.warn(new String(bytes(in), StandardCharsets.UTF_8));
                    } else if (tag == OUTCOME) {
                        Outcome outcome;
                        try {
                            outcome = Outcome.read(bytes(in));
                        } catch (IOException e) {
                            throw new InfrastructureException(
                                    "The embedded engine's JVM sent a result this build cannot read (" + e + "). Set "
                                            + Setting.TRANSFORM_FORK.set(false) + " to run it in the build's JVM.",
                                    e);
                        }
                        request.close();
                        process.waitFor(10, TimeUnit.SECONDS);
                        return outcome.result(started, seconds(start));
                    } else if (tag == -1) {
                        throw ended(process, output, drains, null);
                    } else {
                        throw ended(
                                process,
                                output,
                                drains,
                                new IOException("The embedded engine's JVM sent an unknown message (" + tag + ")"));
                    }
                }
            }
        } catch (IOException e) {
            throw ended(process, output, drains, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while the embedded engine's JVM ran.", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The child's connection, once it names the token it was sent: the messages do not go over the child's standard
     * output, which the JVM itself, an agent or native code may print to.
     */
    private static Socket accept(
            ServerSocket server, String token, Process process, Deque<String> output, List<Thread> drains)
            throws IOException {
        server.setSoTimeout(200);
        while (true) {
            if (!process.isAlive()) {
                throw ended(process, output, drains, null);
            }
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            socket.setSoTimeout(10_000);
            try {
                if (token.equals(new DataInputStream(socket.getInputStream()).readUTF())) {
                    socket.setSoTimeout(0);
                    return socket;
                }
            } catch (IOException e) {
                // not the child: a connection that said nothing, or something else
            }
            socket.close();
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

    /**
     * Keeps the last lines the child prints (for the message if it ends without a result). They are not logged: the
     * build's redaction does not see them.
     */
    private static Thread drain(InputStream stream, Deque<String> kept, String name) {
        Thread thread = new Thread(() -> keep(stream, kept), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void keep(InputStream stream, Deque<String> kept) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, Charset.defaultCharset()))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > ERROR_LINES) {
                        kept.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** The failure of a child that ended, or broke its output off, before sending its outcome. */
    private static InfrastructureException ended(
            Process process, Deque<String> errors, List<Thread> drains, IOException cause) {
        String exit;
        try {
            exit = process.waitFor(10, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
            for (Thread drain : drains) {
                drain.join(2_000);
            }
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
        InputStream stdin = new BufferedInputStream(System.in);
        ObjectInputStream requested = new ObjectInputStream(stdin);
        Request request = (Request) requested.readObject();
        int port = requested.readInt();
        String token = requested.readUTF();
        request.properties().forEach(System::setProperty);
        TransformSpec spec = request.spec();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        out.writeUTF(token);
        out.flush();
        Child child = new Child(out);
        TemplateWarnings.sendTo(child::warning);
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

        void warning(String text) {
            send(WARNING, text.getBytes(StandardCharsets.UTF_8));
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
            String stateDirectory,
            HashMap<String, String> properties)
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
                    text(spec.stateDirectory()),
                    forwardedProperties());
        }

        /** This JVM's system properties that the child is given ({@link #FORWARDED_PROPERTIES}). */
        static HashMap<String, String> forwardedProperties() {
            HashMap<String, String> properties = new HashMap<>();
            for (String name : System.getProperties().stringPropertyNames()) {
                if (FORWARDED_PROPERTIES.stream().anyMatch(name::startsWith)) {
                    properties.put(name, System.getProperty(name));
                }
            }
            return properties;
        }

        @Override
        public String toString() {
            return "Request[project=" + projectDirectory + "]"; // the environment and properties may hold secrets
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
            // copied below, its cause and suppressed ones each as they can cross
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
        for (Throwable suppressed : error.getSuppressed()) {
            copy.addSuppressed(portable(suppressed));
        }
        return copy;
    }
}
