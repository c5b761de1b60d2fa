package dev.ecommerce.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A mojo log that prints as usual and keeps the info lines, so tests can assert what the user sees. */
final class RecordingLog extends SystemStreamLog {

    private final List<String> infoLines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
        infoLines.add(String.valueOf(content));
        super.info(content);
    }

    List<String> infoLines() {
        return infoLines;
    }
}
