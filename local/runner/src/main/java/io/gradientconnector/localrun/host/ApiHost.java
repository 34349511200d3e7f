package io.gradientconnector.localrun.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.function.FunctionInvoker;
import io.gradientconnector.localrun.function.InvocationResult;
import io.gradientconnector.localrun.template.ApiRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local API Gateway on 127.0.0.1: serves the template's {@code Api} routes by invoking their functions with
 * proxy events ({@link ProxyEvents}), enforces {@code x-api-key} on routes with {@code ApiKeyRequired} (403
 * {@code {"message":"Forbidden"}} like API Gateway), answers unknown routes with a 404 JSON body, and serves
 * {@code POST /_local/invoke/{LogicalId}}: the body is the event, the answer the function's JSON result (an error
 * document plus {@code X-Amz-Function-Error: Unhandled} when it threw, like Lambda's Invoke API).
 *
 * <p>Thread-safe; {@link #close()} stops the server and its threads.
 */
public final class ApiHost implements AutoCloseable {

    public static final String INVOKE_PREFIX = "/_local/invoke/";
    private static final int MAX_BODY = 10 * 1024 * 1024; // API Gateway's payload limit
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final RouteTable routes;
    private final FunctionInvoker functions;
    private final Set<String> functionIds;
    private final String apiKey;
    private final String stage;
    private final Clock clock;
    private final ConsoleLog console;

    private ApiHost(HttpServer server, ExecutorService workers, RouteTable routes, FunctionInvoker functions,
                    Set<String> functionIds, String apiKey, String stage, Clock clock, ConsoleLog console) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.functions = functions;
        this.functionIds = functionIds;
        this.apiKey = apiKey;
        this.stage = stage;
        this.clock = clock;
        this.console = console;
    }

    /**
     * @param port        0 picks a free port
     * @param apiKey      the value {@code x-api-key} must have on routes that require a key
     * @param functionIds the logical ids {@code /_local/invoke} accepts
     */
    public static ApiHost start(int port, List<ApiRoute> apiRoutes, FunctionInvoker functions,
                                Set<String> functionIds, String apiKey, String stage, Clock clock,
                                ConsoleLog console) {
        Objects.requireNonNull(apiKey, "apiKey");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port
                    + " (in use? set LOCAL_PORT to another port)", e);
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "api-host-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        ApiHost host = new ApiHost(server, workers, new RouteTable(apiRoutes), functions, Set.copyOf(functionIds),
                apiKey, stage, clock, console);
        server.createContext("/", host::handle);
        server.start();
        return host;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<ApiRoute> routes() {
        return routes.routes();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            ProxyEvents.HttpResponse response;
            try {
                response = answer(exchange);
            } catch (BodyTooLarge e) {
                response = ProxyEvents.message(413, "Request Too Long");
            } catch (RuntimeException e) {
                console.line("api", "failed to serve " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath() + ": " + e);
                response = ProxyEvents.message(500, "local runner error: " + e.getClass().getSimpleName());
            }
            write(exchange, response);
        } catch (IOException e) {
            // the client went away
        }
    }

    private ProxyEvents.HttpResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath.startsWith(INVOKE_PREFIX)) {
            return invoke(method, ProxyEvents.decode(rawPath.substring(INVOKE_PREFIX.length())), body(exchange));
        }
        Optional<RouteTable.Match> match = routes.match(method, rawPath);
        if (match.isEmpty()) {
            List<String> allowed = routes.methodsFor(rawPath);
            if (!allowed.isEmpty()) {
                return ProxyEvents.message(405, method + " is not served on " + ProxyEvents.decode(rawPath)
                        + "; the template routes " + allowed);
            }
            return ProxyEvents.message(404, "Not Found: no route of template.yaml serves " + method + " "
                    + ProxyEvents.decode(rawPath));
        }
        ApiRoute route = match.get().route();
        String presentedKey = exchange.getRequestHeaders().getFirst("x-api-key");
        if (route.apiKeyRequired() && !sameKey(presentedKey)) {
            return ProxyEvents.message(403, "Forbidden");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        ProxyEvents.HttpRequest request = new ProxyEvents.HttpRequest(method, rawPath,
                exchange.getRequestURI().getRawQuery(), headers, body(exchange),
                exchange.getRemoteAddress().getAddress().getHostAddress());
        byte[] event = ProxyEvents.requestEvent(request, match.get(), stage,
                route.apiKeyRequired() ? presentedKey : null, clock);
        InvocationResult result = functions.invoke(route.functionId(), event);
        return switch (result.status()) {
            case OK -> ProxyEvents.response(result.payload());
            case TIMEOUT -> ProxyEvents.message(504, "Endpoint request timed out");
            case UNAVAILABLE -> ProxyEvents.json(503, result.text());
            default -> ProxyEvents.message(502, "Internal server error");
        };
    }

    private ProxyEvents.HttpResponse invoke(String method, String logicalId, byte[] body) {
        if (!method.equals("POST")) {
            return ProxyEvents.message(405, "use POST " + INVOKE_PREFIX + "<LogicalId> with a JSON event");
        }
        if (!functionIds.contains(logicalId)) {
            return ProxyEvents.message(404, "no function " + logicalId + " in template.yaml; known: "
                    + functionIds.stream().sorted().toList());
        }
        byte[] event = body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
        try {
            JSON.readTree(event);
        } catch (JsonProcessingException e) {
            return ProxyEvents.message(400, "the body must be a JSON event: " + e.getOriginalMessage());
        } catch (IOException e) {
            return ProxyEvents.message(400, "the body must be a JSON event");
        }
        InvocationResult result = functions.invoke(logicalId, event);
        return switch (result.status()) {
            case OK -> new ProxyEvents.HttpResponse(200, Map.of("Content-Type", List.of("application/json")),
                    result.payload());
            case UNAVAILABLE -> ProxyEvents.json(503, result.text());
            default -> new ProxyEvents.HttpResponse(200, Map.of("Content-Type", List.of("application/json"),
                    "X-Amz-Function-Error", List.of("Unhandled")), result.payload());
        };
    }

    private boolean sameKey(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                apiKey.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new BodyTooLarge();
            }
            return bytes;
        }
    }

    private static void write(HttpExchange exchange, ProxyEvents.HttpResponse response) throws IOException {
        response.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("body too large", null, false, false);
        }
    }
}
