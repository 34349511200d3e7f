package io.gradientconnector.adapter.gradient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Scripted {@link Transport}: answers in order, records every request. Thread-safe. */
final class FakeTransport implements Transport {
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    synchronized FakeTransport respond(int status, String body) {
        script.add(new Response(status, Map.of("content-type", List.of("application/json")), body));
        return this;
    }

    synchronized FakeTransport respond(int status, String body, String headerName, String headerValue) {
        script.add(new Response(status, Map.of(headerName, List.of(headerValue)), body));
        return this;
    }

    synchronized FakeTransport fail(IOException failure) {
        script.add(failure);
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    static String body(Request request) {
        return request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized Response send(Request request) throws IOException {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("no scripted answer for " + request);
        }
        if (next instanceof IOException failure) {
            throw failure;
        }
        return (Response) next;
    }
}
