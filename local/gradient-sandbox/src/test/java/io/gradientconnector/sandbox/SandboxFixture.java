package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-process sandbox on an ephemeral port with a hand-driven clock, one vendor and one partner (status
 * {@code pending}), plus a tiny Vendor API caller. Rate limit defaults high so the frozen clock never trips it.
 * A test class holds one per test method: {@code @AutoClose private final SandboxFixture fx = SandboxFixture.start();}.
 */
final class SandboxFixture implements AutoCloseable {

    static final String VENDOR_KEY = "vk-test-secret-vendor";
    static final String PARTNER_KEY = "pk-test-secret-partner";
    static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final MutableClock clock = new MutableClock(START);
    final GradientSandbox sandbox;
    final SandboxControl control;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final PartnerIds partner;
    final String token = SandboxControl.gradientToken(VENDOR_KEY, PARTNER_KEY);

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The error {@code message}, whether a string or an array (joined by " | "). */
        String message() {
            JsonNode message = json().path("message");
            if (message.isArray()) {
                StringBuilder joined = new StringBuilder();
                message.forEach(m -> joined.append(joined.isEmpty() ? "" : " | ").append(m.asText()));
                return joined.toString();
            }
            return message.asText();
        }
    }

    private SandboxFixture(Consumer<SandboxOptions.Builder> customiser) {
        SandboxOptions.Builder options = SandboxOptions.builder().port(0).rateLimitPerSecond(10_000)
                .rebuildQuietPeriod(Duration.ofSeconds(2)).clock(clock);
        customiser.accept(options);
        sandbox = GradientSandbox.start(options.build());
        control = new SandboxControl(sandbox.baseUri());
        control.createVendor(VENDOR_KEY, "Acme Backup");
        partner = control.createPartner(VENDOR_KEY, PARTNER_KEY, "Contoso MSP", "pending",
                List.of("Alpha Dental", "Beta Legal", "Gamma Logistics"));
    }

    static SandboxFixture start() {
        return new SandboxFixture(options -> { });
    }

    static SandboxFixture start(Consumer<SandboxOptions.Builder> customiser) {
        return new SandboxFixture(customiser);
    }

    String integrationId() {
        return partner.integrationId();
    }

    /** A Vendor API call with the fixture's token; {@code path} is relative to /api/vendor-api. */
    Response call(String method, String path, String jsonBody) {
        return call(method, path, jsonBody, "GRADIENT-TOKEN", token);
    }

    Response call(String method, String path, String jsonBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(http, request.build());
    }

    static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(sandbox.baseUri() + "/api/vendor-api" + path);
    }

    /** Creates a SKU through the Vendor API and returns its id. */
    String createSku(String name) {
        Response response = call("POST", "/service", """
                {"name":"%s","description":"per seat","category":"backup","subcategory":"cloud backup"}"""
                .formatted(name));
        assertEquals(201, response.status(), response.body());
        JsonNode skus = response.json().path("skus");
        return skus.get(skus.size() - 1).path("id").asText();
    }

    void createAccounts(String... ids) {
        StringBuilder body = new StringBuilder("[");
        for (String id : ids) {
            body.append(body.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\",\"name\":\"Customer ")
                    .append(id).append("\"}");
        }
        Response response = call("POST", "/organization/accounts", body.append("]").toString());
        assertEquals(201, response.status(), response.body());
    }

    /** A SKU and an account, both mapped by the MSP: ready for counts. Returns the SKU id. */
    String mappedPair(String accountId) {
        String skuId = createSku("Cloud Backup " + accountId);
        createAccounts(accountId);
        control.mapAccount(integrationId(), accountId);
        control.mapService(integrationId(), skuId);
        return skuId;
    }

    Response setCount(String serviceId, String accountId, String unitCount) {
        return call("POST", "/service/" + serviceId + "/count",
                "{\"accountId\":\"" + accountId + "\",\"unitCount\":" + unitCount + "}");
    }

    JsonNode integrationState() {
        JsonNode state = control.state();
        for (JsonNode vendor : state.path("vendors")) {
            for (JsonNode integration : vendor.path("integrations")) {
                if (integration.path("integrationId").asText().equals(integrationId())) {
                    return integration;
                }
            }
        }
        throw new AssertionError("integration missing from state");
    }

    @Override
    public void close() {
        http.close();
        sandbox.close();
    }
}
