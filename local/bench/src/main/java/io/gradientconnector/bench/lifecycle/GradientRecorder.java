package io.gradientconnector.bench.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A recording HTTP proxy between the containers and the sandbox, one listener per container. The sandbox records
 * requests but never their token, and cannot say which container sent them; this proxy records both (the token as a
 * key <em>label</em> from the {@link KeyBook}, never the key), and when each request started and ended on the
 * driver's clock ({@link History#now()}), which is what the key-fencing checks compare with the portal's answers.
 *
 * <p>Thread-safe. A request the sandbox drops (fault injection) is dropped here too, so the client sees the fault.
 */
final class GradientRecorder implements AutoCloseable {

    /** One Gradient call: who sent it, with which key, when, and what Gradient answered (0 = dropped). */
    record Call(long seq, int container, long startedNanos, long endedNanos, String method, String path,
                String keyLabel, int status) {
        boolean mutating() {
            return !method.equals("GET");
        }

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return "call#" + seq + " c" + container + " " + method + " " + path + " key=" + keyLabel + " -> " + status
                    + " @" + History.millis(startedNanos) + "ms";
        }
    }

    private static final List<String> FORWARDED = List.of("content-type", "accept");
    private static final List<String> RESTRICTED = List.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final URI sandbox;
    private final KeyBook keys;
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gradient-recorder");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong seq = new AtomicLong();
    private final List<Call> calls = new ArrayList<>();

    GradientRecorder(URI sandbox, KeyBook keys, int containers) throws IOException {
        this.sandbox = sandbox;
        this.keys = keys;
        for (int c = 0; c < containers; c++) {
            int container = c;
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", exchange -> forward(container, exchange));
            server.setExecutor(executor);
            server.start();
            servers.add(server);
        }
    }

    /** The base URL container {@code c} must use as {@code GRADIENT_BASE_URL}. */
    String baseUrl(int container) {
        return "http://127.0.0.1:" + servers.get(container).getAddress().getPort();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void forward(int container, HttpExchange exchange) throws IOException {
        long started = History.now();
        String method = exchange.getRequestMethod();
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String label = keys.labelOfToken(exchange.getRequestHeaders().getFirst("GRADIENT-TOKEN"));
        int status = 0;
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.toString() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!RESTRICTED.contains(lower) && (FORWARDED.contains(lower) || lower.startsWith("gradient"))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException dropped) {
                return; // closing the exchange without an answer drops the client's connection, as the sandbox did
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            status = response.statusCode();
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!RESTRICTED.contains(lower) && !lower.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } finally {
            record(new Call(seq.incrementAndGet(), container, started, History.now(), method,
                    shortPath(exchange.getRequestURI().getRawPath()), label, status));
        }
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    private static String shortPath(String path) {
        return path.startsWith("/api/vendor-api") ? path.substring("/api/vendor-api".length()) : path;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }

    /** Decodes {@code Base64("vendorKey:partnerKey")}; null when absent or malformed. */
    static String partnerKeyOf(String token) {
        if (token == null) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
