package dev.ecommerce.core.transform.render;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the warnings of templates go: dbt's {@code exceptions.warn()} and Jinja's errors that are not fatal. In the
 * build's JVM they are logged as warnings (SLF4J); the engine's own JVM, whose SLF4J has no logger to print them,
 * sends them to the build's JVM, which logs them as warnings too.
 */
public final class TemplateWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateWarnings.class);

    private static volatile Consumer<String> lines;

    private TemplateWarnings() {}

    /** From now on, the warnings of this JVM go to {@code lines} instead of the log (null: to the log again). */
    public static void sendTo(Consumer<String> lines) {
        TemplateWarnings.lines = lines;
    }

    /** A warning of a template, here or from the engine's own JVM. */
    public static void warn(String text) {
        Consumer<String> to = lines;
        if (to == null) {
            LOG.warn("{}", text);
        } else {
            to.accept(text);
        }
    }
}
