package io.gradientconnector.bench.campaign;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.domain.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic corpus of broken requests for the two public entry points: the signed webhook
 * ({@code VendorEventsHandler}) and the portal API ({@code PartnerKeyHandler}). Each case starts from a valid request
 * (built from the API Gateway envelopes in {@code events/}) and breaks exactly one thing, so the answer it must get
 * is known: status and, where the contract names one, the field. The same seed always gives the same corpus.
 *
 * <p>Webhook kinds: truncated or otherwise invalid JSON, wrong types, missing and unknown fields, huge values,
 * hostile unicode, and every way a signature can be wrong. Portal kinds: invalid partner ids on every route, broken
 * PUT bodies, keys of the wrong shape, bad query values, wrong methods and routes, and well-formed keys that Gradient
 * rejects. Not thread-safe (one {@link Random}).
 */
final class Corpus {

    enum Target { WEBHOOK, PORTAL }

    /**
     * One request and the answer it must get.
     *
     * @param field the field the error must name (in {@code field} or {@code errors[].field}); null: not checked
     */
    record Case(int index, Target target, String kind, APIGatewayProxyRequestEvent event, int status, String field,
                List<String> secrets) {
        String name() {
            return "#" + index + " " + target + " " + kind;
        }
    }

    /** What the corpus needs to know about the world it runs in. */
    record World(Instant now, String webhookSecret, String partnerId, List<String> services, Path eventsDir) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TS = WebhookSignature.TIMESTAMP_HEADER;
    private static final String SIG = WebhookSignature.SIGNATURE_HEADER;
    private static final String[] EVENT_TYPES = {"usage.set", "usage.add", "usage.subtract", "account.upserted",
            "account.deleted"};
    /** Partner ids the portal must refuse: path tricks, unicode, control characters, length, leading punctuation. */
    private static final String[] BAD_PARTNER_IDS = {"", "-leading-dash", "_leading", "../other", "a/b", "a b",
            "p\u00e4rtner", "\ud83d\ude00", "x".repeat(65), "semi;colon", "nul\u0000byte", "%2e%2e", "dot.ted",
            "tab\tbed", "new\nline", "\u202eevil", "\uff50artner", "a\\b", "quote\"d", "*"};
    /** Text that must never be taken as an event's type. */
    private static final String[] BAD_TYPES = {"usage.reset", "USAGE.SET", "usage.set\u200b", "usage.s\u0435t",
            "usage", "", " usage.set", "account.upserted.", "\ud83d\udca5"};
    private static final String[] BAD_SERVICES = {"backup-tape", "Backup-Server", "backup server", "\ud83d\udcbe",
            "backup-server\u0000", "-backup", "x".repeat(65), "b\u00e4ckup"};
    private static final String[] BAD_TIMES = {"2025-03-01T11:59:00", "2025-03-01", "11:59:00Z", "yesterday",
            "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "\u0662\u0660\u0662\u0665-03-01T11:59:00Z",
            "2025-03-01T11:59:00+25:00", "1740830340", "2025-03-01 11:59:00Z"};
    private static final String[] BAD_TIMESTAMPS = {"abc", "1e9", "-1", "12.5", "0x1F", "\u0661\u0667\u0663\u0665",
            "99999999999999", "1740830400 1"};

    private final Random random;
    private final World world;
    private final String webhookEnvelope;
    private final Map<String, String> portalEnvelopes = new HashMap<>();
    private final List<Case> cases = new ArrayList<>();
    private int eventSeq;

    private Corpus(long seed, World world) {
        this.random = new Random(seed);
        this.world = world;
        this.webhookEnvelope = load(world.eventsDir().resolve("vendor-events").resolve("usage-set.json"));
        for (String name : List.of("put-key.json", "get-integration.json", "delete-key.json", "request-sync.json",
                "list-clients.json")) {
            portalEnvelopes.put(name, load(world.eventsDir().resolve("partner-key").resolve(name)));
        }
    }

    /** {@code webhookCases} broken deliveries and {@code portalCases} broken portal requests, from {@code seed}. */
    static List<Case> generate(long seed, World world, int webhookCases, int portalCases) {
        Corpus corpus = new Corpus(seed, world);
        for (int i = 0; i < webhookCases; i++) {
            corpus.webhookCase();
        }
        for (int i = 0; i < portalCases; i++) {
            corpus.portalCase();
        }
        return List.copyOf(corpus.cases);
    }

    /** A valid delivery of 1 to 5 events (the control case: it must be accepted). */
    static APIGatewayProxyRequestEvent validDelivery(long seed, World world) {
        Corpus corpus = new Corpus(seed, world);
        Delivery delivery = corpus.delivery();
        return corpus.signed(delivery.text(), world.now().getEpochSecond());
    }

    // ------------------------------------------------------------------------------------------- webhook

    /** A valid body: one event, or {@code {"events": [...]}} with 1 to 5; {@code target} is the event to break. */
    private record Delivery(ObjectNode root, ObjectNode target, String prefix) {
        String text() {
            return root.toString();
        }
    }

    private Delivery delivery() {
        if (random.nextBoolean()) {
            ObjectNode event = validEvent();
            return new Delivery(event, event, "");
        }
        ObjectNode root = NODES.objectNode();
        ArrayNode events = root.putArray("events");
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            events.add(validEvent());
        }
        int target = random.nextInt(n);
        return new Delivery(root, (ObjectNode) events.get(target), "events[" + target + "].");
    }

    private ObjectNode validEvent() {
        String type = pick(EVENT_TYPES);
        ObjectNode event = NODES.objectNode();
        event.put("id", "campaign-" + (++eventSeq) + "-" + Long.toHexString(random.nextLong()));
        event.put("type", type);
        event.put("partnerId", world.partnerId());
        event.put("occurredAt", world.now().minusSeconds(1 + random.nextInt(86_400)).toString());
        String account = "acct-" + random.nextInt(1000);
        switch (type) {
            case "account.upserted" -> {
                ObjectNode a = event.putObject("account");
                a.put("id", account);
                a.put("name", "Customer " + random.nextInt(1000));
                if (random.nextBoolean()) {
                    a.put("description", "Campaign account");
                }
            }
            case "account.deleted" -> event.put("accountId", account);
            default -> {
                event.put("accountId", account);
                event.put("service", world.services().get(random.nextInt(world.services().size())));
                event.put("quantity", type.equals("usage.set") ? random.nextInt(500) : 1 + random.nextInt(50));
            }
        }
        return event;
    }

    private APIGatewayProxyRequestEvent signed(String body, long timestamp) {
        return webhook(body, Long.toString(timestamp), WebhookSignature.sign(world.webhookSecret(), timestamp,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private APIGatewayProxyRequestEvent webhook(String body, String timestamp, String signature) {
        APIGatewayProxyRequestEvent event = parse(webhookEnvelope);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove(TS);
        headers.remove(SIG);
        if (timestamp != null) {
            headers.put(TS, timestamp);
        }
        if (signature != null) {
            headers.put(SIG, signature);
        }
        return event.withHeaders(headers).withBody(body).withIsBase64Encoded(false);
    }

    private void addWebhook(String kind, APIGatewayProxyRequestEvent event, int status, String field) {
        cases.add(new Case(cases.size(), Target.WEBHOOK, kind, event, status, field, List.of()));
    }

    private void webhookCase() {
        long now = world.now().getEpochSecond();
        Delivery d = delivery();
        String p = d.prefix();
        ObjectNode e = d.target();
        String type = e.path("type").asText();
        boolean usage = type.startsWith("usage.");
        int kind = random.nextInt(27);
        switch (kind) {
            case 0 -> { // truncated JSON
                String text = d.text();
                addWebhook("truncated JSON", signed(text.substring(0, 1 + random.nextInt(text.length() - 1)), now),
                        400, "body");
            }
            case 1 -> addWebhook("trailing garbage", signed(d.text() + pick(new String[]{"x", "}", ",{}", "[]", "null"}),
                    now), 400, "body");
            case 2 -> addWebhook("not an object", signed(pick(new String[]{"[]", "[" + d.text() + "]", "\"event\"", "42",
                    "null", "true"}), now), 400, "body");
            case 3 -> addWebhook("empty body", signed(pick(new String[]{"", " ", "\n"}), now), 400, "body");
            case 4 -> { // a key twice: the signed body could mean two things
                String text = d.text();
                int at = text.indexOf("\"id\":");
                addWebhook("duplicate key", signed(text.substring(0, at) + "\"id\":\"twice\"," + text.substring(at), now),
                        400, "body");
            }
            case 5 -> { // deeper than the parser allows, closed or not
                int depth = 33 + random.nextInt(200);
                String close = random.nextBoolean() ? "]".repeat(depth) + "}" : "";
                addWebhook("deep nesting", signed("{\"events\":" + "[".repeat(depth) + close, now), 400, "body");
            }
            case 6 -> { // a number too long to parse safely
                String digits = "9".repeat(65 + random.nextInt(500));
                String text = usage ? d.text().replace("\"quantity\":" + e.get("quantity").asText(), "\"quantity\":" + digits)
                        : "{\"n\":" + digits + "}";
                addWebhook("huge number literal", signed(text, now), 400, "body");
            }
            case 7 -> { // bytes that are not UTF-8, inside a signed, base64-encoded body
                byte[] valid = d.text().getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int cut = valid.length / 2;
                int quote = d.text().indexOf("\"id\":\"") + 6;
                cut = quote > 6 ? quote : cut;
                bytes.write(valid, 0, cut);
                byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xE2, (byte) 0x82}};
                bytes.writeBytes(broken[random.nextInt(broken.length)]);
                bytes.write(valid, cut, valid.length - cut);
                byte[] raw = bytes.toByteArray();
                APIGatewayProxyRequestEvent event = webhook(Base64.getEncoder().encodeToString(raw), Long.toString(now),
                        WebhookSignature.sign(world.webhookSecret(), now, raw)).withIsBase64Encoded(true);
                addWebhook("invalid UTF-8", event, 400, "body");
            }
            case 8 -> addWebhook("invalid base64", webhook("%%not-base64%%" + random.nextInt(), Long.toString(now),
                    "v1=" + "0".repeat(64)).withIsBase64Encoded(true), 400, "body");
            case 9 -> { // a required field missing
                List<String> fields = new ArrayList<>(List.of("id", "type", "partnerId", "occurredAt"));
                switch (type) {
                    case "account.upserted" -> fields.addAll(List.of("account", "account.id", "account.name"));
                    case "account.deleted" -> fields.add("accountId");
                    default -> fields.addAll(List.of("accountId", "service", "quantity"));
                }
                String field = fields.get(random.nextInt(fields.size()));
                if (field.startsWith("account.")) {
                    ((ObjectNode) e.get("account")).remove(field.substring("account.".length()));
                } else {
                    e.remove(field);
                }
                addWebhook("missing " + field, signed(d.text(), now), 400, p + field);
            }
            case 10, 11 -> { // a value of the wrong JSON type
                List<String> fields = new ArrayList<>(List.of("id", "type", "partnerId", "occurredAt"));
                switch (type) {
                    case "account.upserted" -> fields.addAll(List.of("account", "account.id", "account.name"));
                    case "account.deleted" -> fields.add("accountId");
                    default -> fields.addAll(List.of("accountId", "service", "quantity"));
                }
                String field = fields.get(random.nextInt(fields.size()));
                ObjectNode holder = field.startsWith("account.") ? (ObjectNode) e.get("account") : e;
                String name = field.startsWith("account.") ? field.substring("account.".length()) : field;
                int pickType = random.nextInt(5);
                switch (pickType) {
                    case 0 -> holder.set(name, field.equals("quantity") ? NODES.textNode("7") : NODES.numberNode(7));
                    case 1 -> holder.put(name, true);
                    case 2 -> holder.putArray(name).add(1);
                    case 3 -> {
                        if (field.equals("account")) {
                            holder.put(name, "acct-1"); // an object is the right type here
                        } else {
                            holder.putObject(name).put("value", 1);
                        }
                    }
                    default -> holder.putNull(name);
                }
                addWebhook("wrong type " + field, signed(d.text(), now), 400, p + field);
            }
            case 12 -> { // "events" itself malformed
                ObjectNode root = NODES.objectNode();
                switch (random.nextInt(5)) {
                    case 0 -> root.putObject("events").setAll(validEvent());
                    case 1 -> root.put("events", "[]");
                    case 2 -> root.putArray("events");
                    case 3 -> {
                        ArrayNode many = root.putArray("events");
                        int n = 101 + random.nextInt(20);
                        for (int i = 0; i < n; i++) {
                            many.add(validEvent());
                        }
                    }
                    default -> root.put("events", 3);
                }
                addWebhook("malformed events list", signed(root.toString(), now), 400, "events");
            }
            case 13 -> { // an element of events that is no object
                ObjectNode root = NODES.objectNode();
                ArrayNode events = root.putArray("events");
                events.add(validEvent());
                events.add(random.nextBoolean() ? NODES.nullNode() : NODES.textNode("event"));
                addWebhook("event not an object", signed(root.toString(), now), 400, "events[1]");
            }
            case 14 -> { // an unknown field, sometimes with a hostile name
                String name = pick(new String[]{"price", "quantit\u00e9", "quantity\u0000", "__proto__", "Quantity",
                        "\ud83d\udcb0", "x".repeat(70 + random.nextInt(100)), "partnerid"});
                e.put(name, 1);
                String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
                addWebhook("unknown field", signed(d.text(), now), 400, p + shown);
            }
            case 15 -> { // quantities out of range
                if (!usage) { // make the target a usage event first
                    e.remove("account");
                    e.put("type", "usage.set");
                    e.put("accountId", "acct-1");
                    e.put("service", world.services().get(0));
                    type = "usage.set";
                }
                String[] values = type.equals("usage.set")
                        ? new String[]{"-1", "-0.5", "1000000000001", "1e13", "1e400", "0.0000001", "1.1234567", "-1e-7"}
                        : new String[]{"0", "-3", "0.0", "1e13", "1e400", "0.0000001"};
                String value = pick(values);
                e.set("quantity", NODES.numberNode(new java.math.BigDecimal(value)));
                addWebhook("quantity " + value, signed(d.text(), now), 400, p + "quantity");
            }
            case 16 -> { // ids past their length limits
                String field = pick(new String[]{"id", "partnerId", usage || type.equals("account.deleted") ? "accountId" : "id"});
                int length = field.equals("partnerId") ? 65 + random.nextInt(200) : 257 + random.nextInt(5000);
                e.put(field, "x".repeat(length));
                addWebhook("huge " + field, signed(d.text(), now), 400, p + field);
            }
            case 17 -> { // account texts past their limits
                ObjectNode account = NODES.objectNode();
                account.put("id", "acct-long");
                boolean name = random.nextBoolean();
                account.put("name", name ? "n".repeat(257 + random.nextInt(2000)) : "Customer");
                if (!name) {
                    account.put("description", "d".repeat(1025 + random.nextInt(3000)));
                }
                ObjectNode event = validEvent();
                event.put("type", "account.upserted");
                event.remove(List.of("accountId", "service", "quantity"));
                event.set("account", account);
                addWebhook("huge account text", signed(event.toString(), now), 400,
                        name ? "account.name" : "account.description");
            }
            case 18 -> { // hostile unicode where the contract allows none
                String field;
                switch (random.nextInt(5)) {
                    case 0 -> {
                        field = "partnerId";
                        e.put(field, pick(BAD_PARTNER_IDS));
                    }
                    case 1 -> {
                        field = "type";
                        e.put(field, pick(BAD_TYPES));
                    }
                    case 2 -> {
                        field = "id";
                        e.put(field, "evt\u0000" + random.nextInt() + pick(new String[]{"\u0007", "\u001b[31m", "\u0085"}));
                    }
                    case 3 -> {
                        field = "occurredAt";
                        e.put(field, pick(BAD_TIMES));
                    }
                    default -> {
                        if (usage) {
                            field = "service";
                            e.put(field, pick(BAD_SERVICES));
                        } else {
                            field = "partnerId";
                            e.put(field, pick(BAD_PARTNER_IDS));
                        }
                    }
                }
                addWebhook("unicode/invalid " + field, signed(d.text(), now), 400, p + field);
            }
            case 19 -> { // an account id with control characters
                if (!usage && !type.equals("account.deleted")) {
                    ((ObjectNode) e.get("account")).put("id", "acct\u0000" + random.nextInt(100));
                    addWebhook("control char account.id", signed(d.text(), now), 400, p + "account.id");
                } else {
                    e.put("accountId", "acct" + pick(new String[]{"\u0000", "\n", "\r", "\u007f", "\u009b"}) + random.nextInt(100));
                    addWebhook("control char accountId", signed(d.text(), now), 400, p + "accountId");
                }
            }
            case 25 -> { // a lone UTF-16 surrogate, escaped in the JSON text: no valid Unicode string holds one
                String field = usage || type.equals("account.deleted") ? pick(new String[]{"id", "accountId"})
                        : pick(new String[]{"id", "account.name", "account.description"});
                if (field.startsWith("account.")) {
                    ((ObjectNode) e.get("account")).put(field.substring("account.".length()), "lone-surrogate");
                }
                if (!field.startsWith("account.")) {
                    e.put(field, "lone-surrogate");
                }
                String escape = pick(new String[]{"\\ud800", "\\udfff", "\\udbff\\u0041", "x\\udc00"});
                addWebhook("lone surrogate " + field, signed(d.text().replace("lone-surrogate", escape), now), 400,
                        p + field);
            }
            case 20 -> { // too far in the future
                e.put("occurredAt", world.now().plusSeconds(301 + random.nextInt(1_000_000)).toString());
                addWebhook("future occurredAt", signed(d.text(), now), 400, p + "occurredAt");
            }
            case 21 -> { // body over the size limit
                String pad = "x".repeat(256 * 1024 + 1 + random.nextInt(64 * 1024));
                addWebhook("body too large", signed("{\"pad\":\"" + pad + "\"}", now), 413, null);
            }
            // ----------------------------------------------------------------------- signatures: 401
            case 22 -> {
                String body = d.text();
                String secret = pick(new String[]{"someone-else", world.webhookSecret() + "x",
                        world.webhookSecret().toUpperCase(), ""});
                String signature = secret.isEmpty() ? "v1=" + "ab".repeat(32)
                        : WebhookSignature.sign(secret, now, body.getBytes(StandardCharsets.UTF_8));
                addWebhook("wrong secret", webhook(body, Long.toString(now), signature), 401, SIG);
            }
            case 23 -> { // stale, future or non-numeric timestamps
                String body = d.text();
                long ts = random.nextBoolean() ? now - 301 - random.nextInt(1_000_000) : now + 301 + random.nextInt(1_000_000);
                if (random.nextInt(3) == 0) {
                    String text = pick(BAD_TIMESTAMPS);
                    addWebhook("timestamp " + text, webhook(body, text, WebhookSignature.sign(world.webhookSecret(), now,
                            body.getBytes(StandardCharsets.UTF_8))), 401, TS);
                } else {
                    addWebhook("timestamp out of window", webhook(body, Long.toString(ts),
                            WebhookSignature.sign(world.webhookSecret(), ts, body.getBytes(StandardCharsets.UTF_8))), 401, TS);
                }
            }
            case 24 -> { // headers missing or malformed
                String body = d.text();
                String good = WebhookSignature.sign(world.webhookSecret(), now, body.getBytes(StandardCharsets.UTF_8));
                switch (random.nextInt(4)) {
                    case 0 -> addWebhook("no timestamp header", webhook(body, null, good), 401, TS);
                    case 1 -> addWebhook("no signature header", webhook(body, Long.toString(now), null), 401, SIG);
                    case 2 -> addWebhook("malformed signature", webhook(body, Long.toString(now),
                            pick(new String[]{good.replace("v1=", "v2="), good.substring(0, 40), "v1=" + "zz".repeat(32),
                                    "v1=", "sha256=" + good.substring(3), good + "00", "v1=" + "\u00e9".repeat(64)})),
                            401, SIG);
                    default -> addWebhook("signature header too long", webhook(body, Long.toString(now),
                            (good + ",").repeat(20)), 401, SIG);
                }
            }
            default -> { // the body or timestamp changed after signing
                String body = d.text();
                if (random.nextBoolean()) {
                    String signature = WebhookSignature.sign(world.webhookSecret(), now, body.getBytes(StandardCharsets.UTF_8));
                    String tampered = body.replaceFirst("\"partnerId\":\"", "\"partnerId\":\"x");
                    addWebhook("tampered body", webhook(tampered, Long.toString(now), signature), 401, SIG);
                } else {
                    String signature = WebhookSignature.sign(world.webhookSecret(), now - 1, body.getBytes(StandardCharsets.UTF_8));
                    addWebhook("signed for another timestamp", webhook(body, Long.toString(now), signature), 401, SIG);
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------- portal

    private void addPortal(String kind, APIGatewayProxyRequestEvent event, int status, String field, String... secrets) {
        cases.add(new Case(cases.size(), Target.PORTAL, kind, event, status, field, List.of(secrets)));
    }

    private APIGatewayProxyRequestEvent portal(String template, String partnerId) {
        APIGatewayProxyRequestEvent event = parse(portalEnvelopes.get(template));
        Map<String, String> path = new HashMap<>();
        if (partnerId != null) {
            path.put("partnerId", partnerId);
        }
        return event.withPathParameters(partnerId == null ? null : path)
                .withPath(event.getResource().replace("{partnerId}", partnerId == null ? "" : partnerId));
    }

    /** A partner id no test has used: nothing of it may exist after the campaign. */
    private String freshPartner() {
        return "campaign-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    private String plausibleKey() {
        StringBuilder key = new StringBuilder("pk_");
        int length = 16 + random.nextInt(48);
        for (int i = 0; i < length; i++) {
            key.append((char) ('a' + random.nextInt(26)));
        }
        return key.toString();
    }

    private APIGatewayProxyRequestEvent put(String partnerId, String body) {
        return portal("put-key.json", partnerId).withBody(body).withIsBase64Encoded(false);
    }

    private void portalCase() {
        String[] routes = {"put-key.json", "get-integration.json", "delete-key.json", "request-sync.json",
                "list-clients.json"};
        String partner = freshPartner();
        String key = plausibleKey();
        ObjectNode body = NODES.objectNode().put("partnerApiKey", key);
        int kind = random.nextInt(17);
        switch (kind) {
            case 0, 1 -> { // invalid partner ids on every route
                String id = pick(BAD_PARTNER_IDS);
                addPortal("bad partnerId on " + pick(routes), portal(pick(routes), id).withBody(body.toString()), 400,
                        "partnerId", key);
            }
            case 2 -> addPortal("no partnerId", portal(pick(routes), null).withBody(body.toString()), 400, "partnerId", key);
            case 3 -> { // truncated JSON
                String text = body.toString();
                addPortal("truncated PUT body", put(partner, text.substring(0, 1 + random.nextInt(text.length() - 1))),
                        400, "body", key);
            }
            case 4 -> addPortal("PUT body not an object", put(partner, pick(new String[]{"[]", "\"" + key + "\"", "42",
                    "null", "[" + body + "]", "true"})), 400, "body", key);
            case 5 -> addPortal("PUT body empty or garbage", put(partner, pick(new String[]{"", "{", "}",
                    body + "x", "{'partnerApiKey':'" + key + "'}", "{\"partnerApiKey\":\"" + key + "\",}",
                    "{\"partnerApiKey\":\"" + key + "\",\"partnerApiKey\":\"" + key + "\"}",
                    "{\"a\":" + "[".repeat(50) + "]}", "{\"n\":" + "1".repeat(100) + "}"})), 400, "body", key);
            case 6 -> { // wrong types for the key
                ObjectNode wrong = NODES.objectNode();
                switch (random.nextInt(5)) {
                    case 0 -> wrong.put("partnerApiKey", random.nextLong());
                    case 1 -> wrong.put("partnerApiKey", random.nextBoolean());
                    case 2 -> wrong.putArray("partnerApiKey").add(key);
                    case 3 -> wrong.putObject("partnerApiKey").put("value", key);
                    default -> wrong.putNull("partnerApiKey");
                }
                addPortal("partnerApiKey wrong type", put(partner, wrong.toString()), 400, "partnerApiKey", key);
            }
            case 7 -> addPortal("partnerApiKey missing", put(partner, "{}"), 400, "partnerApiKey");
            case 8 -> { // keys of the wrong shape
                String bad = pick(new String[]{"short", "", "       ", "a".repeat(513 + random.nextInt(3000)),
                        key + " " + key, key + "\u0000", key + "\t" + key, key + "\u00a0x", key + "\u2003x",
                        "\u200b" + key + "\u3000" + key, key + "\n" + key});
                addPortal("partnerApiKey malformed", put(partner, NODES.objectNode().put("partnerApiKey", bad).toString()),
                        400, "partnerApiKey", key);
            }
            case 9 -> { // unknown fields, sometimes hostile names
                String name = pick(new String[]{"vendorKey", "partnerApikey", "PartnerApiKey", "key", "\ud83d\udd11",
                        "partnerApiKey\u0000", "__proto__", "y".repeat(80)});
                body.put(name, key);
                String shown = name.replaceAll("\\p{Cntrl}", "");
                shown = shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
                addPortal("unknown field", put(partner, body.toString()), 400, shown, key);
            }
            case 10 -> addPortal("PUT body too large", put(partner, NODES.objectNode()
                    .put("partnerApiKey", "k".repeat(4100 + random.nextInt(100_000))).toString()), 413, null);
            case 11 -> { // invalid base64 or invalid UTF-8
                if (random.nextBoolean()) {
                    addPortal("invalid base64 body", put(partner, "%%%" + key).withIsBase64Encoded(true), 400, "body", key);
                } else {
                    byte[] text = body.toString().getBytes(StandardCharsets.UTF_8);
                    byte[] raw = new byte[text.length + 1];
                    System.arraycopy(text, 0, raw, 0, 18);
                    raw[18] = (byte) 0xC0;
                    System.arraycopy(text, 18, raw, 19, text.length - 18);
                    addPortal("invalid UTF-8 body", put(partner, Base64.getEncoder().encodeToString(raw))
                            .withIsBase64Encoded(true), 400, "body", key);
                }
            }
            case 16 -> { // a lone UTF-16 surrogate, escaped in the JSON text
                String text = body.toString().replace(key, key + pick(new String[]{"\\ud800", "\\udfff", "x\\udc00y"}));
                addPortal("lone surrogate in partnerApiKey", put(partner, text), 400, "partnerApiKey", key);
            }
            case 12 -> { // query values
                APIGatewayProxyRequestEvent event = portal("list-clients.json", partner);
                Map<String, String> query = new HashMap<>();
                if (random.nextBoolean()) {
                    query.put("previousId", pick(new String[]{"1", "not-a-guid", "3f2504e0-4f89-11d3-9a0c-0305e82c330",
                            "3f2504e0-4f89-11d3-9a0c-0305e82c3301x", "3f2504e0_4f89_11d3_9a0c_0305e82c3301",
                            "\uff13f2504e0-4f89-11d3-9a0c-0305e82c3301", "' OR 1=1 --", "../../etc/passwd"}));
                    addPortal("previousId malformed", event.withQueryStringParameters(query), 400, "previousId");
                } else {
                    query.put("search", random.nextBoolean() ? "s".repeat(201 + random.nextInt(1000))
                            : "contoso" + pick(new String[]{"\u0000", "\u0007", "\n", "\u001b[2J", "\u009b", "\ud800"}));
                    addPortal("search malformed", event.withQueryStringParameters(query), 400, "search");
                }
            }
            case 13 -> { // methods a route does not have
                String template = pick(new String[]{"put-key.json", "request-sync.json", "list-clients.json"});
                String method = pick(template.equals("put-key.json") ? new String[]{"POST", "PATCH", "OPTIONS"}
                        : template.equals("request-sync.json") ? new String[]{"GET", "PUT", "DELETE"}
                        : new String[]{"POST", "PUT", "DELETE"});
                addPortal("method " + method + " on " + template, portal(template, partner).withHttpMethod(method)
                        .withBody(body.toString()), 405, null, key);
            }
            case 14 -> addPortal("unknown route", portal("get-integration.json", partner).withResource(
                    pick(new String[]{"/partners/{partnerId}", "/partners/{partnerId}/gradient/keys", "/admin", "",
                            "/partners/{partnerId}/GRADIENT", "/webhooks/vendor-events"})), 404, null);
            default -> { // a well-formed key Gradient does not know: 422, nothing stored
                if (random.nextInt(4) == 0) {
                    addPortal("key Gradient rejects", put(partner, body.toString()), 422, null, key);
                } else {
                    addPortal("unknown partner " + pick(new String[]{"GET", "sync", "clients"}),
                            portal(pick(new String[]{"get-integration.json", "request-sync.json", "list-clients.json"}),
                                    partner), 404, null);
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------------- helpers

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String load(Path file) {
        try {
            String text = Files.readString(file);
            parse(text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A fresh copy of an envelope, as Lambda's runtime would deserialise it. */
    private static APIGatewayProxyRequestEvent parse(String json) {
        try {
            return JSON.readValue(json, APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an API Gateway event", e);
        }
    }
}
