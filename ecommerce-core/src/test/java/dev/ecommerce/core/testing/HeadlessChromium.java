package dev.ecommerce.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, headless, driven through the DevTools protocol over a WebSocket on loopback (the JDK's
 * own client, no library): it opens a page with every request that leaves the machine blocked (no DNS, a proxy that
 * is a closed port, the DevTools URL block list) and records what a person's browser would show only in its
 * console: errors, uncaught exceptions and the requests the page made.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private HeadlessChromium(Process process, URI endpoint) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(endpoint, new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * The Chromium to test with: {@code ECOMMERCE_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the
     * PATH. Missing, the calling test fails in CI ({@code CI=true}, where {@code .ci/run} installs Debian's
     * {@code chromium} first) and is skipped elsewhere, saying how to get it.
     */
    public static Path executable() {
        String chosen = System.getenv("ECOMMERCE_CHROMIUM");
        if (chosen != null && !Files.isExecutable(Path.of(chosen))) {
            Assertions.fail("ECOMMERCE_CHROMIUM is " + chosen + ", which is not an executable file");
        }
        Optional<Path> found = Optional.ofNullable(System.getenv("ECOMMERCE_CHROMIUM"))
                .map(Path::of)
                .or(() -> onPath("chromium"))
                .or(() -> onPath("chromium-browser"));
        String missing = "No Chromium to open the report in: install Debian's chromium package"
                + " (apt-get install chromium; .ci/run does) or set ECOMMERCE_CHROMIUM to a Chromium executable";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            Assertions.fail(missing);
        }
        Assumptions.assumeTrue(found.isPresent(), missing);
        return found.get();
    }

    private static Optional<Path> onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts Chromium headless with a fresh profile in {@code profile} and the network blocked. */
    public static HeadlessChromium start(Path profile) throws Exception {
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(
                        executable().toString(),
                        "--headless",
                        "--no-sandbox", // tests and CI run as root
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--host-resolver-rules=MAP * ~NOTFOUND",
                        "--proxy-server=127.0.0.1:9",
                        "--window-size=1400,1000",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile.toAbsolutePath(),
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader err =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    } else if (!endpoint.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                endpoint.completeExceptionally(
                        new IllegalStateException("Chromium ended before it listened:\n" + seen));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        });
        drain.setDaemon(true);
        drain.start();
        try {
            return new HeadlessChromium(process, endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens a file in a new tab and waits for its load event and a moment for its scripts. */
    public Page open(Path file) throws Exception {
        String target = call(
                        null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .path("targetId")
                .asText();
        String session = call(
                        null,
                        "Target.attachToTarget",
                        JSON.createObjectNode().put("targetId", target).put("flatten", true))
                .path("sessionId")
                .asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(session, domain + ".enable", JSON.createObjectNode());
        }
        ObjectNode blocked = JSON.createObjectNode();
        blocked.putArray("urls")
                .add("http://*")
                .add("https://*")
                .add("ws://*")
                .add("wss://*")
                .add("ftp://*");
        call(session, "Network.setBlockedURLs", blocked);
        String url = file.toAbsolutePath().toUri().toString();
        call(session, "Page.navigate", JSON.createObjectNode().put("url", url));
        awaitEvent(e -> session.equals(e.path("sessionId").asText())
                && "Page.loadEventFired".equals(e.path("method").asText()));
        Thread.sleep(300);
        return new Page(session, url);
    }

    private void awaitEvent(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (events.stream().noneMatch(wanted)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("Chromium sent no such event in " + TIMEOUT + ": " + events);
                }
                events.wait(left);
            }
        }
    }

    private JsonNode call(String session, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Chromium is ended below in any case
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One open tab. */
    public final class Page {

        private final String session;
        private final String url;

        private Page(String session, String url) {
            this.session = session;
            this.url = url;
        }

        /** The value of a JavaScript expression in the page, as JSON. */
        public JsonNode evaluate(String expression) throws Exception {
            JsonNode result = call(
                    session,
                    "Runtime.evaluate",
                    JSON.createObjectNode()
                            .put("expression", expression)
                            .put("returnByValue", true)
                            .put("awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException(expression + " threw " + result.path("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** Console errors and warnings of level error, uncaught exceptions and failed loads, as text. */
        public List<String> consoleErrors() {
            List<String> errors = new ArrayList<>();
            for (JsonNode e : mine()) {
                JsonNode params = e.path("params");
                switch (e.path("method").asText()) {
                    case "Runtime.consoleAPICalled" -> {
                        String type = params.path("type").asText();
                        if (type.equals("error") || type.equals("assert")) {
                            errors.add("console." + type + ": " + params.path("args"));
                        }
                    }
                    case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
                    case "Log.entryAdded" -> {
                        if (params.path("entry").path("level").asText().equals("error")) {
                            errors.add(
                                    "log: " + params.path("entry").path("text").asText());
                        }
                    }
                    case "Network.loadingFailed" -> errors.add("failed load: " + params);
                    default -> {}
                }
            }
            return errors;
        }

        /** Every URL the page requested, but its own. */
        public List<String> requests() {
            return mine().stream()
                    .filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
                    .map(e -> e.path("params").path("request").path("url").asText())
                    .filter(u -> !u.equals(url))
                    .toList();
        }

        /** A PNG of the whole page, not only the window. */
        public void screenshot(Path png) throws Exception {
            JsonNode size = call(session, "Page.getLayoutMetrics", JSON.createObjectNode())
                    .path("cssContentSize");
            ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
            params.putObject("clip")
                    .put("x", 0)
                    .put("y", 0)
                    .put("width", Math.ceil(size.path("width").asDouble()))
                    .put("height", Math.ceil(size.path("height").asDouble()))
                    .put("scale", 1);
            byte[] bytes = Base64.getDecoder()
                    .decode(call(session, "Page.captureScreenshot", params)
                            .path("data")
                            .asText());
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, bytes);
        }

        private List<JsonNode> mine() {
            synchronized (events) {
                return events.stream()
                        .filter(e -> session.equals(e.path("sessionId").asText()))
                        .toList();
            }
        }
    }

    /** Puts replies to their calls and keeps events, a message being possibly sent in parts. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(message.toString());
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> answer =
                                pending.remove(node.path("id").asInt());
                        if (answer != null) {
                            answer.complete(node);
                        }
                    } else {
                        synchronized (events) {
                            events.add(node);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(p -> p.completeExceptionally(e));
                }
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
