package dev.ecommerce.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.Log;

/**
 * Keeps the libraries' request and wire logging out of the build log, {@code mvn -X} included: what they print
 * at debug level carries credentials (the AWS SigV4 canonical request has {@code x-amz-security-token}, Netty's
 * {@code LoggingHandler} prints each request with its {@code Authorization} and {@code X-Amz-Security-Token}
 * headers and hex dumps of every body, gRPC's HTTP/2 frame logger prints {@code authorization} headers), which
 * the redactor cannot mask since Maven prints them directly. The test servers of {@code ecommerce-testkit}
 * (S3Proxy's Jetty) and Arrow's and Hibernate Validator's start-up lines stay quiet below warnings. The
 * plugin's own debug lines are untouched.
 *
 * <p>Maven logs through SLF4J's simple logger, which reads a logger's level from the system property
 * {@code org.slf4j.simpleLogger.log.<name>} when the logger is created, that is when a library class is first
 * used: setting the properties before the first goal runs is early enough, a user's jvm.config is not needed.
 * A property the user set (jvm.config, {@code MAVEN_OPTS}) is kept, and {@code -Decommerce.wireLog=true} sets
 * none, for debugging a connection (the log then shows credentials).
 */
final class LibraryLogging {

    static final String PREFIX = "org.slf4j.simpleLogger.log.";

    /** Logger name (prefix) to level, in the order of the class comment. */
    static final Map<String, String> LEVELS = levels();

    private LibraryLogging() {}

    private static Map<String, String> levels() {
        Map<String, String> levels = new LinkedHashMap<>();
        // AWS SDK: the SigV4 signer's canonical request and string to sign (new and legacy signer).
        levels.put("software.amazon.awssdk.http.auth.aws.internal.signer", "info");
        levels.put("software.amazon.awssdk.auth.signer", "info");
        // Netty under the AWS SDK's async client: LoggingHandler's requests, headers and hex dumps.
        levels.put("io.netty", "info");
        levels.put("software.amazon.awssdk.http.nio.netty", "info");
        // Apache HttpClient 4 and 5 (the AWS SDK's sync client, Google's HTTP transport): headers and wire.
        levels.put("org.apache.http.wire", "off");
        levels.put("org.apache.http.headers", "off");
        levels.put("org.apache.hc.client5.http.wire", "off");
        levels.put("org.apache.hc.client5.http.headers", "off");
        // gRPC (BigQuery Storage Read) and its shaded Netty: HTTP/2 frames with their headers.
        levels.put("io.grpc", "info");
        // Google auth and gax: token requests, request and response logging.
        levels.put("com.google.auth", "info");
        levels.put("com.google.api.gax", "info");
        // The test servers: S3Proxy with its shaded Jetty (banners at info, every request at debug), jclouds.
        levels.put("org.gaul", "warn");
        levels.put("org.eclipse.jetty", "warn");
        levels.put("org.jclouds", "warn");
        levels.put("jclouds", "warn");
        // Start-up chatter at info (Arrow's allocator, Hibernate Validator's version), formerly in .mvn/jvm.config.
        levels.put("org.apache.arrow", "warn");
        levels.put("org.hibernate.validator", "warn");
        return Collections.unmodifiableMap(levels);
    }

    /**
     * Quiets the loggers of {@link #LEVELS} that the user did not set, unless {@code wireLog} asks for the
     * libraries' debug output, and says so in a debug line.
     */
    static void configure(boolean wireLog, Log log) {
        List<String> quieted = quiet(wireLog);
        if (wireLog) {
            log.debug("Library wire logging is on (" + PropertyNames.WIRE_LOG + "): the log may show credentials.");
        } else if (!quieted.isEmpty()) {
            log.debug("Library wire logging is off (" + PropertyNames.WIRE_LOG + "=true turns it on): "
                    + String.join(", ", quieted));
        }
    }

    /** Sets the levels of {@link #LEVELS} that are not set yet (none with {@code wireLog}); returns the loggers set. */
    static List<String> quiet(boolean wireLog) {
        List<String> set = new ArrayList<>();
        if (wireLog) {
            return set;
        }
        LEVELS.forEach((name, level) -> {
            if (System.getProperty(PREFIX + name) == null) {
                System.setProperty(PREFIX + name, level);
                set.add(name);
            }
        });
        return set;
    }
}
