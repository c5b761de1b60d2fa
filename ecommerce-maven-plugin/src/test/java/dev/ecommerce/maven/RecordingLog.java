package dev.ecommerce.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/**
 * A mojo log that prints as usual and keeps the info lines, so tests can assert what the user sees; with
 * debug on (what {@code mvn -X} does) it keeps every line of every level.
 */
final class RecordingLog extends SystemStreamLog {

    private final List<String> infoLines = new ArrayList<>();
    private final List<String> allLines = new ArrayList<>();
    private boolean debug;

    /** Turns debug lines on, as {@code mvn -X} does. */
    RecordingLog debug(boolean on) {
        debug = on;
        return this;
    }

    @Override
    public boolean isDebugEnabled() {
        return debug;
    }

    @Override
    public void debug(CharSequence content) {
        if (debug) {
            allLines.add(String.valueOf(content));
            super.debug(content);
        }
    }

    @Override
    public void warn(CharSequence content) {
        allLines.add(String.valueOf(content));
        super.warn(content);
    }

    @Override
    public void error(CharSequence content) {
        allLines.add(String.valueOf(content));
        super.error(content);
    }

    /** Every line logged, of every level. */
    List<String> allLines() {
        return allLines;
    }

    @Override
    public void info(CharSequence content) {
        infoLines.add(String.valueOf(content));
        allLines.add(String.valueOf(content));
        super.info(content);
    }

    List<String> infoLines() {
        return infoLines;
    }
}
