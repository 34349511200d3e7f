package io.gradientconnector.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Gradient's Vendor API on 127.0.0.1: strict, stateful and able to misbehave on purpose.
 * The Vendor API lives under {@code /api/vendor-api}, test hooks under {@code /__sandbox/}
 * (see {@link SandboxControl}), an MSP-eye view at {@code /}. Thread-safe; {@link #close()} stops the server and
 * all its threads.
 */
public final class GradientSandbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GradientSandbox.class.getName());
    private static final int WORKER_THREADS = 128; // enough for 100 requests/s answered after 1 s
    private static final int QUEUED_EXCHANGES = 1024;
    private static final long TICK_MILLIS = 20;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService ticker;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GradientSandbox(HttpServer server, ThreadPoolExecutor workers, ScheduledExecutorService ticker) {
        this.server = server;
        this.workers = workers;
        this.ticker = ticker;
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static GradientSandbox start(SandboxOptions options) {
        SandboxEngine engine = new SandboxEngine(options);
        HttpServer server;
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, options.port()), 256);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve 127.0.0.1", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Gradient sandbox to 127.0.0.1:" + options.port(), e);
        }
        // Bounded: a flood queues (then runs on the dispatcher, slowing accepts) instead of growing threads.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_EXCHANGES), daemonThreads("gradient-sandbox-http-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        server.createContext("/", exchange -> handle(engine, exchange));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                daemonThreads("gradient-sandbox-rebuilds-"));
        server.start();
        // Rebuilds fire on the sandbox clock; every request also checks, so a test clock needs no ticker.
        ticker.scheduleWithFixedDelay(engine::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return new GradientSandbox(server, workers, ticker);
    }

    /** {@code http://127.0.0.1:<port>}; the Vendor API base URL is {@code baseUri() + "/api"}. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdownNow();
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void handle(SandboxEngine engine, HttpExchange exchange) {
        try (exchange) {
            SandboxRequest request;
            try {
                request = SandboxRequest.read(exchange);
            } catch (SandboxRequest.BodyTooLargeException e) {
                write(exchange, Reply.error(ApiError.of(413, "request entity too large")));
                return;
            }
            String path = request.rawPath();
            Reply reply;
            if (path.equals("/api") || path.startsWith("/api/")) {
                reply = engine.handleVendorApi(request);
            } else if (path.equals(ControlApi.PREFIX) || path.startsWith(ControlApi.PREFIX + "/")) {
                reply = engine.handleControl(request);
            } else if (path.equals("/") && request.method().equals("GET")) {
                reply = Reply.html(engine.statusPage());
            } else {
                reply = Reply.error(ApiError.notFound("Cannot " + request.method() + " " + path));
            }
            if (reply.drop()) {
                // Closing an exchange whose headers were never sent closes the TCP connection: no status, no bytes.
                return;
            }
            write(exchange, reply);
        } catch (IOException e) {
            // The client went away mid-exchange; nothing to answer.
            LOG.log(System.Logger.Level.DEBUG, "client connection failed: {0}", e.getMessage());
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
