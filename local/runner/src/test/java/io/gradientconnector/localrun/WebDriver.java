package io.gradientconnector.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of the W3C WebDriver protocol, spoken to Debian's chromedriver over HTTP: start a headless Chromium
 * with a fresh profile, open a URL, run a script, quit. No Selenium: it is a handful of JSON calls.
 * Not thread-safe; {@link #close()} quits the browser and stops chromedriver and everything it started.
 */
final class WebDriver implements AutoCloseable {

    private static final List<String> CHROME_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage");

    private final Process driver;
    private final URI base;
    private final Path profile;
    private String session;

    private WebDriver(Process driver, URI base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** chromedriver from PATH (or {@code CHROMEDRIVER}), Chromium from PATH (or {@code CHROMIUM}). */
    static WebDriver start() throws IOException {
        String chromedriver = tool("CHROMEDRIVER", "chromedriver");
        String chromium = tool("CHROMIUM", "chromium");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(chromedriver, "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path profile = Files.createTempDirectory("chromium-profile-");
        WebDriver webDriver = new WebDriver(process, URI.create("http://127.0.0.1:" + port), profile);
        try {
            Eventually.await(Duration.ofSeconds(20), "chromedriver answers", webDriver::ready);
            ObjectNode options = Http.JSON.createObjectNode();
            options.put("binary", chromium);
            var args = options.putArray("args");
            CHROME_ARGS.forEach(args::add);
            args.add("--user-data-dir=" + profile);
            ObjectNode request = Http.JSON.createObjectNode();
            request.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .set("goog:chromeOptions", options);
            JsonNode created = webDriver.call("POST", "/session", request);
            webDriver.session = created.path("value").path("sessionId").asText();
            if (webDriver.session.isEmpty()) {
                throw new IllegalStateException("chromedriver did not start Chromium: " + created);
            }
            return webDriver;
        } catch (RuntimeException e) {
            webDriver.close();
            throw e;
        }
    }

    void open(URI url) {
        ObjectNode body = Http.JSON.createObjectNode().put("url", url.toString());
        call("POST", "/session/" + session + "/url", body);
    }

    /** Runs {@code script} (a function body) in the page; returns its JSON value. */
    JsonNode execute(String script) {
        ObjectNode body = Http.JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body).path("value");
    }

    private boolean ready() {
        try {
            return Http.send("GET", base.resolve("/status"), (String) null).json().path("value").path("ready")
                    .asBoolean(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        Http.Response response = Http.send(method, base.resolve(path), body == null ? null : body.toString(),
                "content-type", "application/json");
        if (response.status() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " answered " + response.status()
                    + ": " + response.body());
        }
        return response.json();
    }

    private static String tool(String variable, String name) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " not found: run `make browser` (installs Debian's chromium and "
                + "chromium-driver) or set " + variable);
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                call("DELETE", "/session/" + session, null);
            } catch (RuntimeException e) {
                // chromedriver is stopped below either way
            }
        }
        driver.descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
        try {
            driver.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
