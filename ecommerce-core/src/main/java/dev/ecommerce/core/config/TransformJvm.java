package dev.ecommerce.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM of its own that the embedded engine runs in, a fresh one per run, when it does not run in the build's
 * JVM. It starts with {@link #DEFAULT_OPTIONS}, then the user's options, which win (a later {@code -XX} option
 * overrides an earlier one; a garbage collector the user names replaces the default one).
 *
 * @param options the user's JVM options, e.g. {@code -Xmx8g}; none for the defaults alone
 * @param always every run; else only a run that parses the whole project (no parse kept from an earlier run, as
 *     on a fresh clone or in CI), the run where C1 alone wins: reading a kept parse was faster in the build's JVM
 *     (0.55 against 0.71-0.95 s for 10,000 models, the JVM's start included)
 */
public record TransformJvm(List<String> options, boolean always) {

    /**
     * C1 only and the serial collector. A transform is a short run: on two cores, C2 compiling beside the parse
     * (2.9 s of compiles in a 3 s parse of 10,000 models) kept the parse waiting for a core; C1 alone parsed the
     * same project in two thirds of the time, and a 200-model project faster too ({@code
     * benchmarks/dbt-overhead.sh}).
     */
    public static final List<String> DEFAULT_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public TransformJvm {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** For every run. */
    public TransformJvm(List<String> options) {
        this(options, true);
    }

    /** The options given as text, split on whitespace; null or blank text is the defaults alone. */
    public static TransformJvm parse(String text, boolean always) {
        return new TransformJvm(
                text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+")), always);
    }

    /** The options as a log line shows them: a system property's value is masked (it may be a password). */
    public String shown() {
        return String.join(
                " ",
                commandOptions().stream()
                        .map(o -> o.startsWith("-D") && o.contains("=")
                                ? o.substring(0, o.indexOf('=') + 1) + "******"
                                : o)
                        .toList());
    }

    @Override
    public String toString() {
        return "TransformJvm[" + shown() + (always ? "" : ", for a whole parse") + "]";
    }

    /** The JVM's options: the defaults, but the collector when the user names one, then the user's. */
    public List<String> commandOptions() {
        boolean collector = options.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w*GC"));
        List<String> all = new ArrayList<>();
        DEFAULT_OPTIONS.stream().filter(o -> !(collector && o.endsWith("GC"))).forEach(all::add);
        all.addAll(options);
        return all;
    }
}
