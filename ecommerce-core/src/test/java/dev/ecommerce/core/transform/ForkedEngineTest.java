package dev.ecommerce.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.TransformJvm;
import dev.ecommerce.core.config.TransformSpec;
import dev.ecommerce.core.testing.ForkedJvm;
import dev.ecommerce.core.transform.render.TemplateWarnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine in a JVM of its own: the same nodes, tables, messages and artifacts as in this JVM, its
 * failures thrown here as themselves, and a JVM that the build's death ends.
 */
class ForkedEngineTest {

    private static final TransformJvm JVM = new TransformJvm(List.of("-Xmx512m"));

    @TempDir
    Path dir;

    private static TransformResult run(TransformSpec spec, List<String> log) {
        return TransformEngine.of(spec).run(spec, log::add);
    }

    private static List<String> outcomes(TransformResult result) {
        return result.nodes().stream()
                .map(n -> n.uniqueId() + " " + n.status() + " " + n.rowsAffected() + " " + n.failures() + " "
                        + n.message())
                .toList();
    }

    @Test
    void buildsWhatThisJvmBuildsWithTheSameLinesAndArtifacts() throws Exception {
        ShopProject here = ShopProject.copyTo(Files.createDirectories(dir.resolve("here")));
        ShopProject there = ShopProject.copyTo(Files.createDirectories(dir.resolve("there")));
        // a failing model too: a failure is a node's result, not an exception, in both
        for (ShopProject shop : List.of(here, there)) {
            shop.write("models/marts/broken.sql", "select no_such_column from {{ ref('stg_orders') }}");
            shop.write("models/marts/warned.sql", "{{ exceptions.warn('careful: ' ~ this.name) }}select 1 as one");
        }
        List<String> hereLog = new ArrayList<>();
        List<String> thereLog = new ArrayList<>();

        List<String> hereWarnings = new ArrayList<>();
        List<String> thereWarnings = new ArrayList<>();
        TemplateWarnings.sendTo(hereWarnings::add);
        TransformResult inThisJvm = run(here.spec(), hereLog);
        TemplateWarnings.sendTo(thereWarnings::add);
        TransformResult forked;
        try {
            forked = run(there.spec().withJvm(JVM), thereLog);
        } finally {
            TemplateWarnings.sendTo(null);
        }

        assertThat(outcomes(forked)).isEqualTo(outcomes(inThisJvm));
        assertThat(forked.nodes())
                .filteredOn(n -> n.uniqueId().equals("model.shop.broken"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.status()).isEqualTo(NodeResult.Status.ERROR);
                    assertThat(n.message()).contains("no_such_column");
                });
        assertThat(forked.engine()).isEqualTo(inThisJvm.engine());
        assertThat(forked.target()).isEqualTo("local");
        assertThat(there.rows("select country_name, revenue, orders from main_marts.revenue_by_country order by 1"))
                .isEqualTo(
                        here.rows("select country_name, revenue, orders from main_marts.revenue_by_country order by 1"))
                .isNotEmpty();
        assertThat(forked.runResults()).isEqualTo(there.dir.resolve("target/run_results.json"));
        assertThat(forked.runResults()).isRegularFile();
        assertThat(forked.runResults().resolveSibling("manifest.json")).isRegularFile();
        // the node lines, in the same order; the forked run says where it ran and how long its JVM took to start
        assertThat(nodeLines(thereLog)).isEqualTo(nodeLines(hereLog)).isNotEmpty();
        assertThat(thereLog.get(0))
                .startsWith("Embedded engine in a JVM of its own (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m),"
                        + " started in ");
        assertThat(hereLog).noneMatch(line -> line.contains("JVM of its own"));
        // a template's warning is one here too, as in this JVM (where SLF4J logs it as a warning)
        assertThat(thereWarnings).isEqualTo(hereWarnings).containsExactly("models/marts/warned.sql: careful: warned");
        assertThat(forked.timings().parseSeconds()).isPositive();
        assertThat(forked.seconds()).isGreaterThan(forked.timings().overheadSeconds());
    }

    private static List<String> nodeLines(List<String> log) {
        return log.stream()
                .filter(line -> line.startsWith("  "))
                .map(line -> line.replaceAll("\\(\\d+\\.\\d+ s\\)", "(s)"))
                .toList();
    }

    @Test
    void aConfigurationErrorIsThrownHereAsItself() throws Exception {
        ShopProject shop = ShopProject.copyTo(dir);
        TransformSpec spec = shop.spec("nowhere", Map.of());

        Throwable inThisJvm = catchThrowable(() -> run(spec, new ArrayList<>()));
        Throwable forked = catchThrowable(() -> run(spec.withJvm(JVM), new ArrayList<>()));

        assertThat(inThisJvm).isInstanceOf(ConfigurationException.class);
        assertThat(forked).isInstanceOf(ConfigurationException.class).hasMessage(inThisJvm.getMessage());
        assertThat(forked.getMessage()).contains("nowhere");
    }

    private static Throwable catchThrowable(Runnable run) {
        try {
            run.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }

    @Test
    void aJvmThatCannotStartIsAnErrorWithItsMessageAndTheSettingsToChange() throws Exception {
        ShopProject shop = ShopProject.copyTo(dir);

        assertThatThrownBy(() -> run(shop.spec().withJvm(new TransformJvm(List.of("-Xmx1k"))), new ArrayList<>()))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("The embedded engine's JVM ended before its run was done (exit code 1)")
                .hasMessageContaining("Too small maximum heap")
                .hasMessageContaining("{{TRANSFORM_JVM_ARGS=-Xmx8g}}")
                .hasMessageContaining("{{TRANSFORM_FORK=false}}");
        assertThat(shop.rows("select count(*) from main.raw_orders")).isEqualTo(List.of(List.of(4L)));
    }

    /** Unless told always: a JVM of its own for a run that parses the whole project, this one with a kept parse. */
    @Test
    void onlyARunWithoutAKeptParseRunsInAJvmOfItsOwnUnlessAlways() throws Exception {
        ShopProject plain = ShopProject.copyTo(Files.createDirectories(dir.resolve("plain")));
        ShopProject elsewhere = ShopProject.copyTo(Files.createDirectories(dir.resolve("elsewhere")));
        elsewhere.write(
                "dbt_project.yml", elsewhere.read("dbt_project.yml") + "target-path: 'build/dbt' # kept here\n");
        for (ShopProject shop : List.of(plain, elsewhere)) {
            TransformSpec spec = shop.spec().withJvm(new TransformJvm(List.of("-Xmx512m"), false));
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            List<String> always = new ArrayList<>();

            assertThat(run(spec, first).succeeded()).isTrue();
            assertThat(run(spec, second).succeeded()).isTrue();
            // the JVM's own output (here its GC log, on standard output) does not disturb the messages
            assertThat(run(spec.withJvm(new TransformJvm(List.of("-Xmx512m", "-Xlog:gc"))), always)
                            .succeeded())
                    .isTrue();

            assertThat(first).anyMatch(line -> line.startsWith("Embedded engine in a JVM of its own"));
            assertThat(second)
                    .noneMatch(line -> line.contains("JVM of its own"))
                    .anyMatch(line -> line.startsWith("Partial parsing: nothing changed since the last run"));
            assertThat(always).anyMatch(line -> line.startsWith("Embedded engine in a JVM of its own"));
        }
        assertThat(elsewhere.dir.resolve("build/dbt/" + PartialParse.FILE)).isRegularFile();
        assertThat(elsewhere.dir.resolve("target")).doesNotExist();
    }

    /** How the libraries reach the network goes with the spec (some hold secrets), nothing else of this JVM's. */
    @Test
    void networkAndAwsPropertiesGoWithTheSpec() throws Exception {
        ShopProject shop = ShopProject.copyTo(dir);
        System.setProperty("https.proxyHost", "proxy.example");
        System.setProperty("javax.net.ssl.trustStorePassword", "PLANTEDxNOTxAxREALxKEY");
        try {
            ForkedEngine.Request request = ForkedEngine.Request.of(shop.spec());

            assertThat(request.properties())
                    .containsEntry("https.proxyHost", "proxy.example")
                    .containsEntry("javax.net.ssl.trustStorePassword", "PLANTEDxNOTxAxREALxKEY")
                    .doesNotContainKeys("user.dir", "java.home", "file.encoding", "java.class.path");
            assertThat(request.toString()).doesNotContain("PLANTEDxNOTxAxREALxKEY");
            assertThat(ForkedEngine.command(JVM)).noneMatch(argument -> argument.contains("proxy.example"));
        } finally {
            System.clearProperty("https.proxyHost");
            System.clearProperty("javax.net.ssl.trustStorePassword");
        }
    }

    /** An exception that cannot be serialized crosses as a copy: its kind, message, causes and suppressed ones. */
    @Test
    void anExceptionThatCannotCrossIsCopiedWithItsKindCausesAndSuppressedOnes() {
        class Unsendable extends RuntimeException {
            final transient Object ok = new Object();
            final Object notSerializable = new Object();

            Unsendable(String message) {
                super(message);
            }
        }
        ConfigurationException error = new ConfigurationException("set the thing", new Unsendable("deep down"));
        error.addSuppressed(new Unsendable("beside"));
        error.addSuppressed(new IllegalStateException("fine as it is"));

        Throwable copy = ForkedEngine.portable(error);

        assertThat(copy).isInstanceOf(ConfigurationException.class).hasMessage("set the thing");
        assertThat(copy.getCause())
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage(Unsendable.class.getName() + ": deep down");
        assertThat(copy.getSuppressed()).hasSize(2);
        assertThat(copy.getSuppressed()[0]).hasMessage(Unsendable.class.getName() + ": beside");
        assertThat(copy.getSuppressed()[1]).isSameAs(error.getSuppressed()[1]);
        assertThat(copy.getStackTrace()).isEqualTo(error.getStackTrace());
        IllegalStateException fine = new IllegalStateException("fine");
        assertThat(ForkedEngine.portable(fine)).isSameAs(fine);
    }

    @Test
    void theUsersOptionsComeLastAndTheirCollectorReplacesTheDefault() {
        assertThat(new TransformJvm(List.of()).commandOptions())
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(TransformJvm.parse("  -Xmx8g   -XX:+UseG1GC ", true).commandOptions())
                .containsExactly("-XX:TieredStopAtLevel=1", "-Xmx8g", "-XX:+UseG1GC");
        assertThat(TransformJvm.parse("-XX:TieredStopAtLevel=4", true).commandOptions())
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=4");
        assertThat(TransformJvm.parse(null, false).options()).isEmpty();
        // a system property's value is not shown in logs (it may be a password)
        assertThat(TransformJvm.parse("-Xmx8g -Djavax.net.ssl.keyStorePassword=PLANTEDxNOTxAxREALxKEY", true)
                        .toString())
                .isEqualTo("TransformJvm[-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx8g"
                        + " -Djavax.net.ssl.keyStorePassword=******]");
    }

    /**
     * The build (a real JVM) killed with SIGKILL while the engine's JVM runs a long model: the engine's JVM ends
     * too, instead of running on with the warehouse open, and the warehouse opens with its raw table whole and no
     * half-built model.
     */
    @Test
    void theEnginesJvmEndsWhenTheBuildIsKilled() throws Exception {
        ShopProject shop = ShopProject.copyTo(dir);
        // about a minute of DuckDB work on two cores, after the staging models
        shop.write(
                "models/marts/slow.sql",
                "select sum(hash(a.range * b.range)) as h from range(100000) a, range(100000) b,"
                        + " (select count(*) from {{ ref('stg_orders') }})");
        Path err = dir.resolve("build.err");
        Process build = ForkedJvm.start(KilledBuild.class, err, shop.dir.toString());

        List<String> lines = ForkedJvm.killWhenStopped(build, err, "the slow model running in the engine's JVM");

        long engine = Long.parseLong(lines.get(lines.size() - 1).substring("STOPPED ".length()));
        Optional<ProcessHandle> handle = ProcessHandle.of(engine);
        if (handle.isPresent()) {
            handle.get().onExit().get(20, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(engine).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(shop.rows("select count(*) from main.raw_orders")).isEqualTo(List.of(List.of(4L)));
        assertThat(shop.rows("select count(*) from information_schema.tables where table_name = 'slow'"))
                .isEqualTo(List.of(List.of(0L)));
    }

    /** The build: runs the shop project in the engine's JVM; stops once the staging models are built. */
    public static final class KilledBuild {
        public static void main(String[] args) {
            ShopProject shop = ShopProject.at(Path.of(args[0]));
            TransformSpec spec = shop.spec().withJvm(JVM);
            TransformEngine.of(spec).run(spec, line -> {
                System.out.println(line);
                if (line.contains("model") && line.contains("stg_orders")) {
                    long engine = ProcessHandle.current()
                            .children()
                            .findFirst()
                            .orElseThrow()
                            .pid();
                    System.out.println("STOPPED " + engine);
                }
                System.out.flush();
            });
            System.out.println("DONE");
        }
    }
}
