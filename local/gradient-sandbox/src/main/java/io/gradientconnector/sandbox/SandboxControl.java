package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A small client for the sandbox's {@code /__sandbox/} control routes, for other modules' tests and the local
 * runner. Each method is one HTTP call; a non-2xx answer throws {@link SandboxControlException}. Thread-safe.
 */
public final class SandboxControl {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    public SandboxControl(URI sandboxBaseUri) {
        Objects.requireNonNull(sandboxBaseUri, "sandboxBaseUri");
        String text = sandboxBaseUri.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** The GRADIENT-TOKEN header value for a key pair: Base64("vendorKey:partnerKey"). */
    public static String gradientToken(String vendorKey, String partnerKey) {
        return Base64.getEncoder().encodeToString((vendorKey + ":" + partnerKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Drops every vendor, partner, request, fault and config change. */
    public void reset() {
        send("POST", "/reset", Json.object());
    }

    /** @return the new vendor's id */
    public String createVendor(String vendorKey, String name) {
        return send("POST", "/vendors", Json.object().put("vendorKey", vendorKey).put("name", name))
                .path("vendorId").asText();
    }

    /** A partner whose integration starts {@code inactive}, with one PSA client per name. */
    public PartnerIds createPartner(String vendorKey, String partnerKey, String organizationName,
                                    List<String> clientNames) {
        return createPartner(vendorKey, partnerKey, organizationName, null, clientNames);
    }

    /** @param status initial integration status, or null for {@code inactive} */
    public PartnerIds createPartner(String vendorKey, String partnerKey, String organizationName, String status,
                                    List<String> clientNames) {
        ObjectNode body = Json.object().put("vendorKey", vendorKey).put("partnerKey", partnerKey)
                .put("organizationName", organizationName);
        if (status != null) {
            body.put("status", status);
        }
        ArrayNode clients = body.putArray("clients");
        clientNames.forEach(name -> clients.addObject().put("name", name));
        JsonNode answer = send("POST", "/partners", body);
        List<PsaClient> created = new ArrayList<>();
        answer.path("clients").forEach(c -> created.add(PsaClient.fromJson(c)));
        return new PartnerIds(answer.path("organizationId").asText(), answer.path("integrationId").asText(),
                created);
    }

    public PsaClient addClient(String integrationId, String name) {
        return PsaClient.fromJson(send("POST", integrationPath(integrationId) + "/clients",
                Json.object().put("name", name)));
    }

    /** The MSP maps an account (to no particular PSA client). @return the mapping id */
    public String mapAccount(String integrationId, String accountId) {
        return mapAccount(integrationId, accountId, null);
    }

    /** The MSP maps an account to one of its PSA clients (needed for deprecated clientOId counts). */
    public String mapAccount(String integrationId, String accountId, String clientId) {
        ObjectNode body = Json.object();
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        return send("POST", integrationPath(integrationId) + "/accounts/" + segment(accountId) + "/map", body)
                .path("mappingId").asText();
    }

    public void unmapAccount(String integrationId, String accountId) {
        send("POST", integrationPath(integrationId) + "/accounts/" + segment(accountId) + "/unmap", Json.object());
    }

    /** Maps a SKU id, or an organization service (its vendor id or internal {@code _id}). @return the mapping id */
    public String mapService(String integrationId, String serviceId) {
        return send("POST", integrationPath(integrationId) + "/services/" + segment(serviceId) + "/map",
                Json.object()).path("mappingId").asText();
    }

    public void unmapService(String integrationId, String serviceId) {
        send("POST", integrationPath(integrationId) + "/services/" + segment(serviceId) + "/unmap", Json.object());
    }

    /** The MSP disconnects: accounts, mappings and counts deleted, status {@code inactive}. */
    public void disconnect(String integrationId) {
        send("POST", integrationPath(integrationId) + "/disconnect", Json.object());
    }

    /** The MSP regenerates its partner key: the old one stops working, accounts are kept. */
    public void regenerateKey(String integrationId, String newPartnerKey) {
        send("POST", integrationPath(integrationId) + "/regenerate-key",
                Json.object().put("newPartnerKey", newPartnerKey));
    }

    public List<RecordedRequest> requests() {
        return requests(0);
    }

    /** Requests with a sequence number greater than {@code sinceSeq}. */
    public List<RecordedRequest> requests(long sinceSeq) {
        List<RecordedRequest> requests = new ArrayList<>();
        send("GET", "/requests?since=" + sinceSeq, null).forEach(r -> requests.add(RecordedRequest.fromJson(r)));
        return requests;
    }

    public void clearRequests() {
        send("DELETE", "/requests", null);
    }

    public List<UnitCount> counts() {
        List<UnitCount> counts = new ArrayList<>();
        send("GET", "/counts", null).forEach(c -> counts.add(UnitCount.fromJson(c)));
        return counts;
    }

    public List<RebuildCount> rebuilds() {
        List<RebuildCount> rebuilds = new ArrayList<>();
        send("GET", "/rebuilds", null).forEach(r -> rebuilds.add(RebuildCount.fromJson(r)));
        return rebuilds;
    }

    /** Everything the sandbox holds (never keys), as JSON. */
    public JsonNode state() {
        return send("GET", "/state", null);
    }

    /** Replaces the fault plan; an outage window starts now. */
    public void faults(FaultPlan plan) {
        send("POST", "/faults", plan.toJson());
    }

    public void clearFaults() {
        send("DELETE", "/faults", null);
    }

    public SandboxConfig config() {
        return SandboxConfig.fromJson(send("GET", "/config", null));
    }

    /** Applies the non-null fields. @return the resulting config */
    public SandboxConfig config(ConfigUpdate update) {
        return SandboxConfig.fromJson(send("POST", "/config", update.toJson()));
    }

    public void resolveAlert(String messageId, AlertResolution resolution) {
        send("POST", "/alerts/" + segment(messageId) + "/resolve", resolution.toJson());
    }

    private static String integrationPath(String integrationId) {
        return "/integrations/" + segment(integrationId);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ControlApi.PREFIX + path))
                .timeout(TIMEOUT).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox control call " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during sandbox control call " + method + " " + path, e);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw new SandboxControlException(response.statusCode(), method + " " + path + ": " + text);
        }
        try {
            return text.isEmpty() ? Json.object() : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox answered non-JSON to " + method + " " + path, e);
        }
    }

    /** A control route answered non-2xx. Carries the status and the sandbox's error body (never keys). */
    public static final class SandboxControlException extends RuntimeException {
        private final int status;

        SandboxControlException(int status, String message) {
            super(status + " " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
