package io.gradientconnector.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.localrun.template.ApiRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code make run} prints once everything is up: the URLs, the local keys (demo values, never production
 * ones: this is the one place they are printed on purpose) and a ready-to-paste walkthrough. docs/LOCAL-RUN.md
 * holds the same walkthrough. Stateless.
 */
public final class Banner {

    public static final String READY_LINE = "make run: ready.";
    public static final String PARTNER_ID = "demo-partner";
    static final String CATALOG = "shared/src/main/resources/service-catalog.json";

    private Banner() {
    }

    public static String text(LocalRunner runner) {
        LocalRunner.Options options = runner.options();
        String api = runner.apiBaseUri().toString();
        String key = options.portalApiKey();
        String secret = options.webhookSecret();
        String service = firstServiceKey(options.root());
        StringBuilder out = new StringBuilder();
        out.append('\n').append("=".repeat(100)).append('\n');
        out.append("Gradient Connector, running locally from template.yaml. Ctrl-C stops everything.\n\n");
        out.append(row("API (template routes)", api));
        runner.sandboxUri().ifPresentOrElse(
                sandbox -> out.append(row("Gradient sandbox page", sandbox + "/"))
                        .append(row("Gradient Vendor API", sandbox + "/api/vendor-api")),
                () -> out.append(row("Gradient", runner.gradientBaseUrl() + "  (GRADIENT_BASE_URL)")));
        out.append(row("AWS emulator", runner.awsEndpoint().toString()));
        out.append(row("Portal API key", key + "   (header x-api-key; LOCAL_PORTAL_API_KEY)"));
        out.append(row("Webhook signing secret", secret + "   (LOCAL_WEBHOOK_SECRET)"));
        if (runner.sandboxUri().isPresent()) {
            out.append(row("Demo partner key", "demo-partner-key   (MSP \"Demo MSP\" in the sandbox)"));
        }
        out.append(row("Invoke any function", "curl -s -X POST " + api + "/_local/invoke/<LogicalId> -d '<event JSON>'"));
        out.append('\n').append("Routes:\n");
        for (ApiRoute route : runner.routes()) {
            out.append(String.format("  %-6s %-40s -> %s%s%n", route.method(), route.path(), route.functionId(),
                    route.apiKeyRequired() ? "  (x-api-key)" : ""));
        }
        Map<String, String> unavailable = runner.unavailableFunctions();
        if (!unavailable.isEmpty()) {
            out.append("\nNot runnable yet (they answer 503):\n");
            unavailable.forEach((id, why) -> out.append("  ").append(id).append(": ").append(why).append('\n'));
        }
        out.append('\n').append(walkthrough(api, key, secret, service,
                runner.sandboxUri().map(u -> u + "/").orElse(null)));
        out.append("=".repeat(100)).append('\n').append(READY_LINE).append('\n');
        return out.toString();
    }

    /** The walkthrough: connect the demo partner, send a signed batch, watch the count. */
    public static String walkthrough(String api, String portalKey, String secret, String service, String page) {
        String body = "{\"events\":["
                + "{\"id\":\"evt-1\",\"type\":\"account.upserted\",\"partnerId\":\"" + PARTNER_ID + "\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"account\":{\"id\":\"acct-1\",\"name\":\"Acme Dental\"}},"
                + "{\"id\":\"evt-2\",\"type\":\"usage.set\",\"partnerId\":\"" + PARTNER_ID + "\","
                + "\"occurredAt\":\"2025-01-01T00:00:01Z\",\"accountId\":\"acct-1\",\"service\":\"" + service + "\","
                + "\"quantity\":12}]}";
        StringBuilder out = new StringBuilder("Walkthrough (paste into another terminal):\n\n");
        out.append("  # 1. The vendor portal submits the demo MSP's Gradient key for partner ").append(PARTNER_ID)
                .append(":\n");
        out.append("  curl -s -X PUT ").append(api).append("/partners/").append(PARTNER_ID).append("/gradient \\\n")
                .append("    -H 'x-api-key: ").append(portalKey).append("' -H 'content-type: application/json' \\\n")
                .append("    -d '{\"partnerApiKey\":\"demo-partner-key\"}'\n\n");
        out.append("  # 2. The vendor platform sends a signed batch: an account, and its usage of one service:\n");
        out.append("  SECRET='").append(secret).append("'; TS=$(date +%s)\n");
        out.append("  BODY='").append(body).append("'\n");
        out.append("  SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" | awk '{print $NF}')\n");
        out.append("  curl -s -X POST ").append(api).append("/webhooks/vendor-events -H 'content-type: application/json' \\\n")
                .append("    -H \"X-Webhook-Timestamp: $TS\" -H \"X-Webhook-Signature: v1=$SIG\" -d \"$BODY\"\n\n");
        out.append("  # 3. Ask for an account sync now (it also runs on its schedule: LOCAL_SCHEDULE_SECONDS shortens it):\n")
                .append("  #    it creates the account and the service in Gradient, and queues their usage again.\n");
        out.append("  curl -s -X POST ").append(api).append("/partners/").append(PARTNER_ID)
                .append("/gradient/sync -H 'x-api-key: ").append(portalKey).append("'\n\n");
        if (page != null) {
            out.append("  # 4. Watch the count (12) arrive on ").append(page)
                    .append(" (refreshes every 2 s; the sandbox maps new\n")
                    .append("  #    accounts and services itself, standing in for the MSP). Not there yet? Repeat step 3.\n");
        } else {
            out.append("  # 4. Map the account and the service in Gradient (the MSP's step), then repeat step 3.\n");
        }
        out.append("  curl -s ").append(api).append("/partners/").append(PARTNER_ID).append("/gradient -H 'x-api-key: ")
                .append(portalKey).append("'   # the integration view: accounts, usage, last sync and push\n\n");
        return out.toString();
    }

    /** The first key of the service catalog the functions bundle (read, not written twice). */
    static String firstServiceKey(Path root) {
        try {
            JsonNode catalog = new ObjectMapper().readTree(Files.readString(root.resolve(CATALOG)));
            String key = catalog.path(0).path("key").asText("");
            return key.isEmpty() ? "<a service key of " + CATALOG + ">" : key;
        } catch (IOException e) {
            return "<a service key of " + CATALOG + ">";
        }
    }

    private static String row(String name, String value) {
        return String.format("  %-24s %s%n", name, value);
    }

}
