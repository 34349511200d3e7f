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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A slow DynamoDB: an HTTP proxy in front of the AWS emulator that holds every DynamoDB request
 * ({@code X-Amz-Target: DynamoDB_...}) for {@code minMillis..maxMillis} before forwarding it; SQS and Secrets Manager
 * pass straight through. The emulator answers a 100-event delivery in seconds, so without this nothing ever tests
 * the webhook's deadline; at 300-500 ms a call, applying 100 events takes far longer than API Gateway's 29 s.
 *
 * <p>Only the container whose {@code AWS_ENDPOINT_URL} is {@link #endpoint()} is slowed, so the rest of the
 * simulation runs at full speed beside it. Thread-safe.
 */
public final class SlowTable implements AutoCloseable {
    private static final List<String> RESTRICTED = List.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "date", "from", "via", "warning"); // java.net.http refuses to set these

    private final URI emulator;
    private final int minMillis;
    private final int maxMillis;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-table");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public SlowTable(URI emulator, int minMillis, int maxMillis) throws IOException {
        this.emulator = emulator;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** What the slowed container uses as {@code AWS_ENDPOINT_URL}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && target.startsWith("DynamoDB")) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(minMillis, maxMillis + 1));
            }
            String raw = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            HttpRequest.Builder request = HttpRequest.newBuilder(emulator.resolve(raw)).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            // The emulator does not check SigV4 signatures, so the changed Host header does not matter.
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException unreachable) {
                return; // the client sees a dropped connection, as it would from the emulator itself
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
